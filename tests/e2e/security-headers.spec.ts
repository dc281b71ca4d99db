import { DiagramPage } from "./pages/diagram-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

/** Collects the page's Content-Security-Policy violations, reported by the browser itself. */
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
  });
`;

test("every page carries a nonce-based policy, and the app runs under it", async ({
  openNewAccountSession,
  request,
}) => {
  await test.step("pages answer with the policy and their scripts carry its nonce", async () => {
    for (const path of ["/", "/signin", "/signup"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const policy = response.headers()["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce, path).toBeTruthy();
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(response.headers()["permissions-policy"]).toContain("camera=()");
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    const again = await request.get("/signin");
    const first = await request.get("/signin");
    expect(again.headers()["content-security-policy"]).not.toBe(
      first.headers()["content-security-policy"],
    );
  });

  await test.step("signed in, the workspace and its diagram work with no violation", async () => {
    const { page, api } = await openNewAccountSession();
    await page.addInitScript(RECORD_VIOLATIONS);
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto("/models");
    const model = await api.createModel(buildTitle("Policy check"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    await diagram.paletteButton("Process").click();
    await diagram.toolbar.getByRole("button", { name: "Auto layout" }).click();
    await expect(diagram.canvas.getByRole("group").first()).toBeVisible();
    const violations = await page.evaluate(() => {
      const recorded: unknown = Reflect.get(window, "__cspViolations");
      return Array.isArray(recorded) ? recorded.map(String) : ["not recorded"];
    });
    expect(violations).toEqual([]);
    expect(errors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
  });
});
