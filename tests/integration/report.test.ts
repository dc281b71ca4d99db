import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, signUp, type TestUser } from "./support/api-client";
import { DEADLINE, timeoutFor } from "./support/deadlines";
import { startTestServer, type TestServer } from "./support/test-server";

const SAMPLE = fs.readFileSync(
  path.join(process.cwd(), "tests/fixtures/interop/threat-dragon/demo-v2-threat-model.json"),
  "utf8",
);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = fs.existsSync(CHROMIUM);
const hasPdfToText = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Every threat title of the sample, read from the file itself. */
function sampleThreatTitles(): string[] {
  const json = JSON.parse(SAMPLE) as {
    detail: { diagrams: { cells: { data?: { threats?: { title: string }[] } }[] }[] };
  };
  return json.detail.diagrams.flatMap((diagram) =>
    diagram.cells.flatMap((cell) => (cell.data?.threats ?? []).map((threat) => threat.title)),
  );
}

const squash = (text: string) => text.replace(/\s+/g, " ");

describe("the model's report", () => {
  let server: TestServer;
  let owner: TestUser;
  let modelId: string;

  beforeAll(async () => {
    server = await startTestServer("pglite");
    owner = await signUp(server, "Rhea Report");
    const imported = await api(server, "POST", "/api/models/import", { user: owner, body: SAMPLE });
    modelId = (imported.body as { model: { id: string } }).model.id;
  });
  afterAll(() => server.destroy());

  const get = (format: string, cookie = owner.cookie) =>
    fetch(`${server.url}/api/models/${modelId}/report?format=${format}`, { headers: { cookie } });

  it("is a self-contained page with every threat, the diagram and the sections", async () => {
    const response = await get("html");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await response.text();
    for (const title of sampleThreatTitles()) expect(html).toContain(title);
    expect(html).toContain("<svg");
    for (const section of [
      "Background",
      "Coverage",
      "Threats by risk",
      "Open items",
      "Sign-offs",
    ]) {
      expect(html).toContain(section);
    }
    expect(html).not.toMatch(/<script/i);
    const stranger = await signUp(server, "Sid Stranger");
    expect((await get("html", stranger.cookie)).status).toBe(404);
  });

  it.skipIf(!hasChromium)(
    "prints to PDF, whose text holds every threat title",
    timeoutFor(DEADLINE.processStart, 60_000),
    async () => {
      const response = await get("pdf");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      const pdf = new Uint8Array(await response.arrayBuffer());
      expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
      if (!hasPdfToText) return;
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "report-")), "report.pdf");
      fs.writeFileSync(file, pdf);
      const text = squash(execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }));
      for (const title of sampleThreatTitles()) expect(text).toContain(squash(title));
    },
  );
});
