import type { Page } from "@playwright/test";
import * as Y from "yjs";
import { addDiagram, addElement, addFlow } from "@/lib/model";
import type { ElementNodeType } from "@/components/diagram/diagram-mapping";
import { getElementHandles, getStubHandles } from "@/components/diagram/node-handles";
import { DiagramPage } from "./pages/diagram-page";
import { pushUpdatePastTheUi } from "./support/collab-probe";
import { buildShopUpdate } from "./support/diagram-factory";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

/*
 * How the canvas opens a diagram: React Flow is told where each node's connection handles are
 * (node-handles.ts), so it draws only the nodes in view, flows included, instead of drawing
 * every node once to measure it.
 */

/** A wide diagram: 8 rows of 30 elements, 300 units apart, each joined to the next. */
function buildWideUpdate(): { update: Uint8Array; diagramId: string; count: number } {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Wide", layer: 0 });
  const kinds = ["process", "data-store", "external-entity"] as const;
  const ids: string[] = [];
  for (let index = 0; index < 240; index++) {
    ids.push(
      addElement(doc, {
        kind: kinds[index % 3] ?? "process",
        diagramId,
        name: `Element ${index}`,
        x: (index % 30) * 300,
        y: Math.floor(index / 30) * 300,
      }),
    );
  }
  for (let index = 0; index + 1 < ids.length; index++) {
    addFlow(doc, { sourceId: ids[index] ?? "", targetId: ids[index + 1] ?? "" });
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, diagramId, count: ids.length };
}

/** A block of 9 x 9 data stores, 150 units apart: no free space near its middle. */
function buildCrowdedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Crowded", layer: 0 });
  for (let row = 0; row < 9; row++) {
    for (let column = 0; column < 9; column++) {
      addElement(doc, {
        kind: "data-store",
        diagramId,
        name: `Store ${row}-${column}`,
        x: column * 150,
        y: row * 150,
        width: 120,
        height: 80,
      });
    }
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Counts, from the page's first script on, the most element nodes the canvas ever held. */
async function countNodesEverDrawn(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counter = { most: 0 };
    Object.assign(window, { nodeCounter: counter });
    new MutationObserver(() => {
      counter.most = Math.max(counter.most, document.querySelectorAll(".react-flow__node").length);
    }).observe(document, { childList: true, subtree: true });
  });
}

async function readMostNodesDrawn(page: Page): Promise<number> {
  return page.evaluate(() => {
    const counter: unknown = Reflect.get(window, "nodeCounter");
    if (typeof counter !== "object" || counter === null) throw new Error("no counter");
    return Number(Reflect.get(counter, "most"));
  });
}

interface DrawnHandle {
  nodeType: string;
  direction: "in" | "out" | null;
  nodeWidth: number;
  nodeHeight: number;
  id: string | null;
  position: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Every handle drawn on the canvas, measured as React Flow measures it: its box relative to its
 * node's, in canvas units.
 */
async function measureDrawnHandles(page: Page): Promise<DrawnHandle[]> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
    const zoom = viewport ? new DOMMatrix(getComputedStyle(viewport).transform).a : 1;
    const handles: DrawnHandle[] = [];
    for (const node of document.querySelectorAll<HTMLElement>(".react-flow__node")) {
      const type = /react-flow__node-(\S+)/.exec(node.className)?.[1] ?? "";
      const label = node.getAttribute("aria-label") ?? "";
      const nodeBox = node.getBoundingClientRect();
      for (const handle of node.querySelectorAll<HTMLElement>(".react-flow__handle")) {
        const box = handle.getBoundingClientRect();
        handles.push({
          nodeType: type,
          direction: type !== "stub" ? null : label.includes(" from ") ? "in" : "out",
          nodeWidth: node.offsetWidth,
          nodeHeight: node.offsetHeight,
          id: handle.getAttribute("data-handleid"),
          position: handle.getAttribute("data-handlepos"),
          x: (box.left - nodeBox.left) / zoom,
          y: (box.top - nodeBox.top) / zoom,
          width: box.width / zoom,
          height: box.height / zoom,
        });
      }
    }
    return handles;
  });
}

/** Checks each drawn handle against where the canvas told React Flow it would be. */
function expectHandlesAsComputed(drawn: DrawnHandle[]): void {
  for (const handle of drawn) {
    const computed =
      handle.nodeType === "stub"
        ? getStubHandles(handle.direction ?? "in", handle.nodeWidth, handle.nodeHeight)
        : getElementHandles(
            handle.nodeType as ElementNodeType,
            handle.nodeWidth,
            handle.nodeHeight,
          );
    const match = computed.find((candidate) => candidate.id === handle.id);
    const where = `${handle.nodeType} handle ${handle.id ?? ""}`;
    expect(match, where).toBeDefined();
    expect(match?.position, where).toBe(handle.position);
    expect(Math.abs((match?.x ?? Number.NaN) - handle.x), `${where} x`).toBeLessThan(0.5);
    expect(Math.abs((match?.y ?? Number.NaN) - handle.y), `${where} y`).toBeLessThan(0.5);
    expect(Math.abs((match?.width ?? Number.NaN) - handle.width), `${where} width`).toBeLessThan(
      0.5,
    );
    expect(Math.abs((match?.height ?? Number.NaN) - handle.height), `${where} height`).toBeLessThan(
      0.5,
    );
  }
}

test.describe("opening a diagram", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("draws only the elements in view, never every element once to measure it", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Wide"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    const wide = buildWideUpdate();
    await pushUpdatePastTheUi(page, { modelId: model.id, update: wide.update });

    await countNodesEverDrawn(page);
    await page.goto(
      `/models/${encodeURIComponent(model.id)}?tab=diagram&diagram=${wide.diagramId}`,
    );
    await expect(diagram.canvas).toHaveAttribute("data-ready", "true");
    await expect(diagram.element("Process", "Element 0")).toBeVisible();
    await expect(diagram.canvas.locator(".react-flow__edge").first()).toBeAttached();

    const drawn = await diagram.canvas.locator(".react-flow__node").count();
    const most = await readMostNodesDrawn(page);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(wide.count / 2);
    expect(most, `at most ${most} of ${wide.count} elements drawn at any time`).toBeLessThan(
      wide.count / 2,
    );
  });

  test("every handle is drawn where React Flow was told it is", async ({ alice, openSession }) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Shop"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    await pushUpdatePastTheUi(page, {
      modelId: model.id,
      update: buildShopUpdate([{ name: "Validator" }]),
    });
    await diagram.main.getByRole("combobox", { name: "Diagram" }).selectOption("Shop");
    await expect(diagram.element("Data store", "Ledger")).toBeVisible();

    const outer = await measureDrawnHandles(page);
    // Four handles on each of the three elements.
    expect(outer).toHaveLength(12);
    expectHandlesAsComputed(outer);

    await diagram
      .element("Process", "API")
      .getByRole("button", { name: "Open sub-diagram of API" })
      .click();
    await expect(diagram.stub("Card details", "from", "Customer")).toBeVisible();
    await expect(diagram.stub("Ledger entry", "to", "Ledger")).toBeVisible();
    const inner = await measureDrawnHandles(page);
    // The Validator's four, and one on each stub.
    expect(inner).toHaveLength(6);
    expectHandlesAsComputed(inner);
  });

  test("an element added where the free space is out of view is brought into view, focused", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Crowded"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    await pushUpdatePastTheUi(page, { modelId: model.id, update: buildCrowdedUpdate() });
    await diagram.main.getByRole("combobox", { name: "Diagram" }).selectOption("Crowded");
    await expect(diagram.element("Data store", "Store 4-4")).toBeVisible();
    // The block's middle, zoomed in as far as the canvas goes: the view holds a few stores,
    // and the nearest free space is outside it.
    await diagram.toolbar.getByRole("button", { name: "Zoom to fit" }).click();
    const middle = await diagram.element("Data store", "Store 4-4").boundingBox();
    if (middle === null) throw new Error("Store 4-4 is not on screen");
    await page.mouse.move(middle.x + middle.width / 2, middle.y + middle.height / 2);
    for (let step = 0; step < 6; step++) await page.mouse.wheel(0, -400);
    await expect(diagram.canvas.locator(".react-flow__viewport")).toHaveCSS(
      "transform",
      /matrix\(2\.5,/,
    );

    await diagram.paletteButton("Process").click();
    const added = diagram.element("Process", "Process");
    await expect(added).toBeInViewport();
    await expect(added).toBeFocused();
    await expect(diagram.element("Data store", "Store 4-4")).not.toBeInViewport();
    // Enter renames the new element, which has the focus.
    await page.keyboard.press("Enter");
    const field = diagram.canvas.getByRole("textbox", { name: "Name of Process" });
    await expect(field).toBeFocused();
    await field.fill("Indexer");
    await field.press("Enter");
    await expect(diagram.element("Process", "Indexer")).toBeInViewport();
  });
});
