import { expect, test } from "./support/fixtures";
import { WorkspacePage } from "./pages/workspace-page";
import { buildTitle } from "./support/factories";

const THREAT_COUNT = 100;
const CATEGORIES = ["spoofing", "tampering", "repudiation", "information-disclosure"] as const;

test.describe("the threat list at 1440x900", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("rows are one line under one header, and compact rows fit 100 threats in two screens", async ({
    alice,
    openSession,
  }, testInfo) => {
    // A hundred threats are recorded through the API first.
    test.setTimeout(180_000);
    const { page, api } = await openSession(alice);
    const model = await api.createModel(buildTitle("Many threats"));
    await page.goto("/models");
    const origin = new URL(page.url()).origin;
    for (let index = 0; index < THREAT_COUNT; index += 1) {
      const response = await page.request.post(`/api/models/${model.id}/threats`, {
        data: {
          title: `Threat number ${index + 1} with a title long enough to be cut short in a row`,
          category: CATEGORIES[index % CATEGORIES.length],
        },
        headers: { origin },
      });
      expect(response.status()).toBe(201);
    }
    const workspace = new WorkspacePage(page);
    await workspace.goto(model.id);
    const rows = workspace.threats.getByRole("listitem");
    await expect(rows).toHaveCount(THREAT_COUNT);

    // Comfortable rows: one line each, and the header's columns sit over the row's fields.
    const firstTitle = "Threat number 1 with a title long enough to be cut short in a row";
    const first = workspace.threat(firstTitle);
    const rowBox = await first.boundingBox();
    expect(rowBox?.height ?? 1000).toBeLessThanOrEqual(48);
    const headerCategory = await page
      .locator("[data-threat-list-header]")
      .getByText("Category", { exact: true })
      .boundingBox();
    const rowCategory = await first
      .getByRole("combobox", { name: `Category of ${firstTitle}` })
      .boundingBox();
    expect(Math.abs((headerCategory?.x ?? 0) - (rowCategory?.x ?? 1000))).toBeLessThanOrEqual(2);
    await page.screenshot({ path: testInfo.outputPath("threats-comfortable.png") });

    // Compact rows: a hundred threats in two screens' height, remembered after a reload.
    await workspace.main.getByRole("button", { name: "Compact", exact: true }).click();
    await expect
      .poll(async () => (await workspace.threats.boundingBox())?.height ?? Infinity)
      .toBeLessThanOrEqual(2 * 900);
    await page.screenshot({ path: testInfo.outputPath("threats-compact.png") });
    await page.reload();
    await expect(
      workspace.main.getByRole("button", { name: "Compact", exact: true }),
    ).toHaveAttribute("aria-pressed", "true");

    // The title opens the details; the keyboard still moves between rows.
    await workspace.threats
      .getByRole("button", { name: "Threat number 2 with", exact: false })
      .click();
    const details = page.getByRole("dialog");
    await expect(details).toContainText("Threat number 2 with");
    await page.keyboard.press("Escape");
    await expect(details).toBeHidden();
  });
});
