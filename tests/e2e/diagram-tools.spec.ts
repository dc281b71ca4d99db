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

/**
 * "Edges": Client -> Server, a "Zone" box boundary right of the Server and an "Edge line" line
 * boundary further right: nothing is crossed until the boundaries are reshaped.
 */
function buildEdgesUpdate(): Uint8Array {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Edges", layer: 0 });
  const client = addElement(doc, { kind: "external-entity", diagramId, name: "Client" });
  const server = addElement(doc, { kind: "process", diagramId, name: "Server", x: 500 });
  addElement(doc, {
    kind: "trust-boundary",
    diagramId,
    name: "Zone",
    x: 760,
    y: -60,
    width: 200,
    height: 240,
  });
  addElement(doc, {
    kind: "trust-boundary",
    diagramId,
    name: "Edge line",
    shape: "line",
    x: 1100,
    y: -80,
    width: 0,
    height: 260,
  });
  addFlow(doc, { sourceId: client, targetId: server, name: "Call" });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

async function requireBox(locator: Locator) {
  const box = await locator.boundingBox();
  if (box === null) throw new Error("not on screen");
  return box;
}

/**
 * Where a node is on the drawing (its transform, in canvas units, whatever the view), or null
 * while it is not drawn: the canvas draws only what is in view.
 */
async function canvasPositionOf(node: Locator): Promise<string | null> {
  // evaluateAll does not wait for the node: none drawn reads as null at once.
  return node.evaluateAll((elements) => {
    const [element] = elements;
    return element instanceof HTMLElement ? element.style.transform : null;
  });
}

test.describe("diagram tools", () => {
  // The whole canvas on screen: the mouse cannot reach what is below the fold.
  test.use({ viewport: { width: 1440, height: 1100 } });

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
      const before = await canvasPositionOf(lonely);
      expect(before).not.toBeNull();
      await diagram.toolbar.getByRole("button", { name: "Auto layout" }).click();
      // The layout opens at a readable zoom, which need not show every element: each read
      // first fits the whole drawing in view, so all four are drawn.
      const zoomToFit = diagram.toolbar.getByRole("button", { name: "Zoom to fit" });
      await expect
        .poll(async () => {
          await zoomToFit.click();
          return canvasPositionOf(lonely);
        })
        .not.toEqual(before);
      await zoomToFit.click();
      const names = ["User", "Archive"] as const;
      const elements = [
        api,
        lonely,
        diagram.element("External entity", names[0]),
        diagram.element("Data store", names[1]),
      ];
      // Read until the layout has settled on screen: an element moving into view has no box yet.
      await expect
        .poll(async () => {
          const boxes = await Promise.all(elements.map((element) => element.boundingBox()));
          return boxes.every((box, index) =>
            boxes.slice(index + 1).every((other) => {
              if (box === null || other === null) return false;
              return (
                box.x + box.width <= other.x ||
                other.x + other.width <= box.x ||
                box.y + box.height <= other.y ||
                other.y + other.height <= box.y
              );
            }),
          );
        })
        .toBe(true);
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
      // Named after the model and the diagram.
      expect(svg.suggestedFilename()).toBe(`${model.title} - Tools.svg`);
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

  test("resizes a boundary box, reshapes a boundary line and selects with a box", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Diagram edges"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    await pushUpdatePastTheUi(page, { modelId: model.id, update: buildEdgesUpdate() });
    await diagram.main.getByRole("combobox", { name: "Diagram" }).selectOption("Edges");
    const client = diagram.element("External entity", "Client");
    const server = diagram.element("Process", "Server");
    await expect(server).toBeVisible();
    await expect(diagram.canvas.getByText(/^Crosses /)).toHaveCount(0);

    await test.step("resizing the box over the server makes the flow cross it", async () => {
      await diagram.canvas.getByText("Zone", { exact: true }).click();
      const zone = diagram.element("Trust boundary", "Zone");
      const handle = zone.locator(".react-flow__resize-control.line.left");
      const from = await requireBox(handle);
      const serverBox = await requireBox(server);
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(serverBox.x - 20, from.y + from.height / 2, { steps: 10 });
      await page.mouse.up();
      await expect(diagram.canvas.getByText("Crosses Zone")).toBeVisible();
      await diagram.undoButton.click();
      await expect(diagram.canvas.getByText("Crosses Zone")).toHaveCount(0);
    });

    await test.step("dragging the line's ends across the flow makes the flow cross it", async () => {
      await diagram.canvas.getByText("Edge line", { exact: true }).click();
      const clientBox = await requireBox(client);
      const serverBox = await requireBox(server);
      const middleX = (clientBox.x + clientBox.width + serverBox.x) / 2;
      const flowY = clientBox.y + clientBox.height / 2;
      for (const [grip, y] of [
        ["Start of Edge line", flowY - 120],
        ["End of Edge line", flowY + 120],
      ] as const) {
        const box = await requireBox(diagram.canvas.getByRole("img", { name: grip }));
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(middleX, y, { steps: 10 });
        await page.mouse.up();
      }
      await expect(diagram.canvas.getByText("Crosses Edge line")).toBeVisible();
    });

    await test.step("a box drawn with Shift selects what it covers", async () => {
      await diagram.clickEmptyCanvas();
      const clientBox = await requireBox(client);
      const serverBox = await requireBox(server);
      await page.keyboard.down("Shift");
      await page.mouse.move(clientBox.x - 30, Math.min(clientBox.y, serverBox.y) - 30);
      await page.mouse.down();
      await page.mouse.move(
        serverBox.x + serverBox.width + 20,
        Math.max(clientBox.y + clientBox.height, serverBox.y + serverBox.height) + 30,
        { steps: 10 },
      );
      await page.mouse.up();
      await page.keyboard.up("Shift");
      await expect(client).toHaveClass(/selected/);
      await expect(server).toHaveClass(/selected/);
      const properties = diagram.main.getByRole("complementary", { name: "Selection properties" });
      await expect(properties.getByText(/^2 elements( and 1 data flow)? selected$/)).toBeVisible();
    });
  });
});
