import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { ModelsPage } from "./pages/models-page";
import { buildAccount } from "./support/factories";
import { expect, test } from "./support/fixtures";

const SAMPLE = path.join(
  process.cwd(),
  "tests/fixtures/interop/threat-dragon/demo-v2-threat-model.json",
);

test("imports a Threat Dragon model from the models page, opens it complete and downloads its report", async ({
  openNewAccountSession,
}) => {
  const { page } = await openNewAccountSession(buildAccount({ name: "Iris Import" }));
  const models = new ModelsPage(page);
  await models.goto();
  await expect(page.getByRole("main")).toContainText(
    "Coming from Threat Dragon or the Threat Modeling Tool?",
  );

  await test.step("a damaged file is refused, nothing created", async () => {
    await page.getByLabel("Import a model file").setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"summary":{"title":"x"},"detail":{"diagrams":[{"cells":5}]}}'),
    });
    const dialog = page.getByRole("dialog", { name: "“broken.json” was not imported" });
    await expect(dialog).toContainText("Nothing was created");
    await expect(dialog).toContainText("cells");
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(models.emptyState).toBeVisible();
  });

  await test.step("the demo model arrives with its report", async () => {
    await page.getByLabel("Import a model file").setInputFiles(SAMPLE);
    const dialog = page.getByRole("dialog", { name: "Imported “Demo Threat Model”" });
    await expect(dialog.getByLabel("Import report")).toContainText(
      "1 diagram, 11 elements, 10 data flows, 14 threats and 14 mitigations arrived.",
    );
    await expect(dialog).toContainText("its source was a free point");
    await dialog.getByRole("button", { name: "Open the model" }).click();
    await expect(page).toHaveURL(/\/models\//);
  });

  await test.step("the threats and the diagram are there", async () => {
    await page.getByRole("tab", { name: "Threats" }).click();
    await expect(page.getByRole("main")).toContainText("Accessing DB credentials");
    await page.getByRole("tab", { name: "Diagram" }).click();
    await expect(page.locator(".react-flow__node").filter({ hasText: "Database" })).toBeVisible();
  });

  await test.step("the model downloads as threats CSV and as a file that imports back", async () => {
    const csv = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export", exact: true }).first().click();
    await page
      .getByRole("menu", { name: "Export the model" })
      .getByRole("menuitem", { name: "Threats (.csv)" })
      .click();
    const download = await csv;
    expect(download.suggestedFilename()).toBe("Demo-Threat-Model.threats.csv");
    const text = await fs.readFile(await download.path(), "utf8");
    expect(text).toContain("Accessing DB credentials");
  });

  await test.step("the PDF report downloads and holds every threat title", async () => {
    const pdf = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export", exact: true }).first().click();
    await page
      .getByRole("menu", { name: "Export the model" })
      .getByRole("menuitem", { name: "Report (PDF)" })
      .click();
    const download = await pdf;
    expect(download.suggestedFilename()).toBe("Demo-Threat-Model.report.pdf");
    const file = await download.path();
    const text = execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }).replace(
      /\s+/g,
      " ",
    );
    const sample = JSON.parse(await fs.readFile(SAMPLE, "utf8")) as {
      detail: { diagrams: { cells: { data?: { threats?: { title: string }[] } }[] }[] };
    };
    const titles = sample.detail.diagrams.flatMap((diagram) =>
      diagram.cells.flatMap((cell) => (cell.data?.threats ?? []).map((threat) => threat.title)),
    );
    expect(titles).toHaveLength(14);
    for (const title of titles) expect(text).toContain(title);
  });
});
