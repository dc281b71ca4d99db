import fs from "node:fs/promises";
import type { Locator } from "@playwright/test";
import * as Y from "yjs";
import { addDiagram, addElement, addFlow } from "@/lib/model";
import { DiagramPage } from "./pages/diagram-page";
import { pushUpdatePastTheUi } from "./support/collab-probe";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

/**
 * "Tools": User -> API -> Archive in a row, the API inside a "DMZ" box boundary, and a
 * "Lonely" process with no flow (a check finds it, as it finds the Archive never read).
 */
function buildToolsUpdate(): Uint8Array {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Tools", layer: 0 });
  const user = addElement(doc, { kind: "external-entity", diagramId, name: "User" });
  const api = addElement(doc, { kind: "process", diagramId, name: "API", x: 400 });
  const archive = addElement(doc, { kind: "data-store", diagramId, name: "Archive", x: 800 });
  addElement(doc, { kind: "process", diagramId, name: "Lonely", x: 400, y: 400 });
  addElement(doc, {
    kind: "trust-boundary",
    diagramId,
    name: "DMZ",
    x: 340,
    y: -60,
    width: 240,
    height: 220,
  });
  addFlow(doc, { sourceId: user, targetId: api, name: "Request" });
  addFlow(doc, { sourceId: api, targetId: archive, name: "Store" });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

async function centerOf(node: Locator): Promise<{ x: number; y: number }> {
  const box = await node.boundingBox();
  if (box === null) throw new Error("not on screen");
  return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
}

test.describe("diagram tools", () => {
  test("crossings follow moves, checks select what they name, auto layout and export", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Diagram tools"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    await pushUpdatePastTheUi(page, { modelId: model.id, update: buildToolsUpdate() });
    await diagram.main.getByRole("combobox", { name: "Diagram" }).selectOption("Tools");
    const api = diagram.element("Process", "API");
    const lonely = diagram.element("Process", "Lonely");
    await expect(api).toBeVisible();
    const crossings = diagram.canvas.getByText("Crosses DMZ");
    const checks = diagram.main.getByRole("region", { name: "Diagram checks" });

    await test.step("a flow shows the boundary it crosses while it crosses it", async () => {
      await expect(crossings).toHaveCount(2);
      await expect(checks.getByRole("button", { name: /“Archive” is written to/ })).toBeVisible();
      await diagram.dragElement(api, { x: 0, y: 260 });
      await expect(crossings).toHaveCount(0);
      await expect(checks.getByRole("button", { name: /No data flow crosses/ })).toBeVisible();
      await diagram.undoButton.click();
      await expect(crossings).toHaveCount(2);
      await expect(checks.getByRole("button", { name: /No data flow crosses/ })).toHaveCount(0);
    });

    await test.step("a check selects the element it names", async () => {
      await checks.getByRole("button", { name: /“Lonely” has no data flows/ }).click();
      await expect(lonely).toHaveClass(/selected/);
      const properties = diagram.main.getByRole("complementary", { name: "Selection properties" });
      await expect(properties.getByRole("textbox", { name: "Name" })).toHaveValue("Lonely");
    });

    await test.step("auto layout moves the elements apart in one undo step", async () => {
      const before = await centerOf(lonely);
      await diagram.toolbar.getByRole("button", { name: "Auto layout" }).click();
      await expect.poll(async () => centerOf(lonely)).not.toEqual(before);
      const names = ["User", "Archive"] as const;
      const boxes = [
        await api.boundingBox(),
        await lonely.boundingBox(),
        await diagram.element("External entity", names[0]).boundingBox(),
        await diagram.element("Data store", names[1]).boundingBox(),
      ];
      for (const [index, box] of boxes.entries()) {
        for (const other of boxes.slice(index + 1)) {
          if (box === null || other === null) throw new Error("not on screen");
          const isApart =
            box.x + box.width <= other.x ||
            other.x + other.width <= box.x ||
            box.y + box.height <= other.y ||
            other.y + other.height <= box.y;
          expect(isApart).toBe(true);
        }
      }
      // The layout keeps the API inside the DMZ: its flows still cross it.
      await expect(crossings).toHaveCount(2);
      await diagram.undoButton.click();
      await diagram.toolbar.getByRole("button", { name: "Zoom to fit" }).click();
      await expect(crossings).toHaveCount(2);
    });

    await test.step("exports the diagram as SVG and PNG", async () => {
      const exportButton = diagram.toolbar.getByRole("button", { name: "Export" });
      await exportButton.click();
      const svgDownload = page.waitForEvent("download");
      await page.getByRole("menuitem", { name: "Export SVG" }).click();
      const svg = await svgDownload;
      expect(svg.suggestedFilename()).toMatch(/\.svg$/);
      const svgText = await fs.readFile(await svg.path(), "utf8");
      expect(svgText).toContain("<svg");
      for (const name of ["User", "API", "Archive", "Lonely", "DMZ", "Request", "Store"]) {
        expect(svgText).toContain(`>${name}<`);
      }

      await exportButton.click();
      const pngDownload = page.waitForEvent("download");
      await page.getByRole("menuitem", { name: "Export PNG" }).click();
      const png = await pngDownload;
      expect(png.suggestedFilename()).toMatch(/\.png$/);
      const bytes = await fs.readFile(await png.path());
      expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      expect(bytes.byteLength).toBeGreaterThan(2_000);
    });
  });
});
