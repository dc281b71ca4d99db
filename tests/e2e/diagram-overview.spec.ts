import type { Page } from "@playwright/test";
import * as Y from "yjs";
import { addDiagram, addElement, addFlow, type ElementKind } from "@/lib/model";
import { DiagramPage } from "./pages/diagram-page";
import { pushUpdatePastTheUi } from "./support/collab-probe";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

/*
 * A large diagram zoomed out is drawn as one picture (the overview) instead of a node per
 * element: what a person sees and can do there, and that a small diagram keeps its nodes.
 */

const COLUMNS = 20;
const ELEMENT_COUNT = 200;
const SPACING = { x: 220, y: 160 };
/** The element a click aims at: a process in the middle of the grid. */
const TARGET_INDEX = 105;
const KINDS: readonly ElementKind[] = ["process", "data-store", "external-entity"];

/** Where element `index` of the grid is, in canvas units, and its size. */
function gridBox(index: number) {
  const kind = KINDS[index % KINDS.length] ?? "process";
  const size =
    kind === "process"
      ? { width: 120, height: 120 }
      : kind === "data-store"
        ? { width: 160, height: 64 }
        : { width: 160, height: 80 };
  return {
    kind,
    x: (index % COLUMNS) * SPACING.x,
    y: Math.floor(index / COLUMNS) * SPACING.y,
    ...size,
  };
}

/** A diagram "Large" of 200 elements in a grid, each joined to the next by a flow. */
function buildLargeUpdate(): Uint8Array {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Large", layer: 0 });
  const ids: string[] = [];
  for (let index = 0; index < ELEMENT_COUNT; index += 1) {
    const { kind, x, y, width, height } = gridBox(index);
    const name = index === TARGET_INDEX ? "Target" : `Element ${index}`;
    ids.push(addElement(doc, { kind, diagramId, name, x, y, width, height }));
  }
  for (let index = 0; index + 1 < ELEMENT_COUNT; index += 1) {
    const source = ids[index] ?? "";
    const target = ids[index + 1] ?? "";
    addFlow(doc, { sourceId: source, targetId: target, name: `Flow ${index}` });
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** React Flow's view: screen = canvas point x zoom + (x, y), from the canvas's top left. */
async function readView(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page
    .locator(".react-flow__viewport")
    .evaluate((element) => (element instanceof HTMLElement ? element.style.transform : ""));
  const match = /translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.]+)\)/.exec(transform);
  if (match === null) throw new Error(`no view in "${transform}"`);
  return { x: Number(match[1]), y: Number(match[2]), zoom: Number(match[3]) };
}

/** Where a canvas point is on the page now. */
async function toScreen(page: Page, point: { x: number; y: number }) {
  const box = await page.locator(".react-flow").boundingBox();
  if (box === null) throw new Error("the canvas has no box");
  const view = await readView(page);
  return { x: box.x + view.x + point.x * view.zoom, y: box.y + view.y + point.y * view.zoom };
}

/** The centre of element `index` of the grid, in canvas units. */
function gridCenter(index: number) {
  const box = gridBox(index);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * The alpha of the overview's pixel at a page point (0: nothing painted there), the highest
 * within `radius` device pixels of it when given.
 */
async function readOverviewAlpha(
  page: Page,
  at: { x: number; y: number },
  radius = 0,
): Promise<number> {
  return page.getByTestId("diagram-overview").evaluate(
    (canvas, { point, radius }) => {
      if (!(canvas instanceof HTMLCanvasElement)) throw new Error("not a canvas");
      const box = canvas.getBoundingClientRect();
      const scale = canvas.width / box.width;
      const context = canvas.getContext("2d");
      if (context === null) throw new Error("no 2D context");
      const x = Math.round((point.x - box.x) * scale) - radius;
      const y = Math.round((point.y - box.y) * scale) - radius;
      const { data } = context.getImageData(x, y, 2 * radius + 1, 2 * radius + 1);
      let alpha = 0;
      for (let index = 3; index < data.length; index += 4)
        alpha = Math.max(alpha, data[index] ?? 0);
      return alpha;
    },
    { point: at, radius },
  );
}

test.describe("the overview of a large diagram", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("zoomed out, a large diagram is one picture to select from and zoom into", async ({
    alice,
    openSession,
  }, testInfo) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Overview"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    await pushUpdatePastTheUi(page, { modelId: model.id, update: buildLargeUpdate() });
    await diagram.main.getByRole("combobox", { name: "Diagram" }).selectOption("Large");
    await expect(diagram.heading).toContainText("Large");
    const target = diagram.element("Process", "Target");
    const overview = diagram.canvas.getByRole("img", {
      name: /^Overview of the diagram: 200 elements and 199 flows/,
    });
    const hint = diagram.canvas.getByText(
      "Overview: click to select, double-click to zoom in and edit",
    );
    const properties = diagram.main.getByRole("complementary", { name: "Selection properties" });
    const name = properties.getByRole("textbox", { name: "Name" });

    await test.step("it opens readable, with the elements drawn one by one", async () => {
      await expect(diagram.element("Process", "Element 0")).toBeVisible();
      await expect(overview).toBeHidden();
      expect((await readView(page)).zoom).toBeGreaterThanOrEqual(0.75);
    });

    await test.step("only the labels of flows near the view are drawn", async () => {
      const labels = diagram.canvas.locator(".react-flow__edgelabel-renderer");
      await expect(labels.getByText("Flow 0", { exact: true })).toBeVisible();
      // Flow 19 runs from the first row's right end back to the second row's start: the flow
      // crosses the view, but its label, half-way along at some 2,200 across, is far outside.
      await expect(diagram.flow("Flow 19")).toHaveCount(1);
      await expect(labels.getByText("Flow 19", { exact: true })).toHaveCount(0);
    });

    await test.step("the minimap shows every element and moves the view where it is clicked", async () => {
      const minimap = diagram.canvas.getByRole("img", { name: "Diagram overview" });
      await expect(minimap).toBeVisible();
      const drawn = await minimap
        .locator(".react-flow__minimap-node")
        .evaluate((path) => (path.getAttribute("d") ?? "").split("z").length - 1);
      expect(drawn).toBe(ELEMENT_COUNT);
      const before = await readView(page);
      const box = await minimap.boundingBox();
      if (box === null) throw new Error("the minimap has no box");
      // The last row's right end: the grid is 4,340 wide and 1,560 high, framed 150:100.
      await page.mouse.click(box.x + box.width * 0.9, box.y + box.height * 0.73);
      await expect(diagram.element("Data store", "Element 199")).toBeVisible();
      await expect(
        diagram.canvas.locator(".react-flow__edgelabel-renderer").getByText("Flow 198", {
          exact: true,
        }),
      ).toBeVisible();
      const after = await readView(page);
      expect(after.zoom).toBeCloseTo(before.zoom, 5);
      expect(after.x).toBeLessThan(before.x);
      expect(after.y).toBeLessThan(before.y);
    });

    await test.step("zoomed to fit, the whole diagram is painted as one picture", async () => {
      await diagram.toolbar.getByRole("button", { name: "Zoom to fit" }).click();
      await expect(overview).toBeVisible();
      await expect(hint).toBeVisible();
      await expect(target).toBeHidden();
      expect((await readView(page)).zoom).toBeLessThan(0.4);
      const center = await toScreen(page, gridCenter(TARGET_INDEX));
      expect(await readOverviewAlpha(page, center)).toBeGreaterThan(0);
      // Between two rows of elements nothing is painted.
      const gap = await toScreen(page, {
        x: gridCenter(TARGET_INDEX).x,
        y: gridBox(TARGET_INDEX).y - 30,
      });
      expect(await readOverviewAlpha(page, gap)).toBe(0);
      await page.screenshot({ path: testInfo.outputPath("overview-1440x900.png") });
    });

    await test.step("a click selects the element or flow under it, a click beside clears", async () => {
      const center = await toScreen(page, gridCenter(TARGET_INDEX));
      await page.mouse.click(center.x, center.y);
      await expect(name).toHaveValue("Target");
      // Element 105 and 106 sit side by side: the flow between them runs through the middle.
      const between = {
        x: (gridCenter(TARGET_INDEX).x + gridCenter(TARGET_INDEX + 1).x) / 2,
        y: (gridCenter(TARGET_INDEX).y + gridCenter(TARGET_INDEX + 1).y) / 2,
      };
      const onFlow = await toScreen(page, between);
      await page.mouse.click(onFlow.x, onFlow.y);
      await expect(name).toHaveValue(`Flow ${TARGET_INDEX}`);
      const empty = await toScreen(page, {
        x: gridCenter(TARGET_INDEX).x,
        y: gridBox(TARGET_INDEX).y - 30,
      });
      await page.mouse.click(empty.x, empty.y);
      await expect(name).toBeHidden();
    });

    await test.step("a drag that starts on an element pans and moves nothing", async () => {
      const before = await readView(page);
      const start = await toScreen(page, gridCenter(TARGET_INDEX));
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      await page.mouse.move(start.x + 120, start.y + 60, { steps: 8 });
      await page.mouse.up();
      await expect.poll(async () => (await readView(page)).x).toBeCloseTo(before.x + 120, 0);
      // Where the element was, there is now the gap the drag moved into view.
      expect(await readOverviewAlpha(page, start)).toBe(0);
      const moved = await toScreen(page, gridCenter(TARGET_INDEX));
      expect(moved.x).toBeCloseTo(start.x + 120, 0);
    });

    await test.step("renaming from the keyboard zooms in to the element", async () => {
      const center = await toScreen(page, gridCenter(TARGET_INDEX));
      await page.mouse.click(center.x, center.y);
      await expect(name).toHaveValue("Target");
      await page.keyboard.press("F2");
      const input = diagram.canvas.getByRole("textbox", { name: "Name of Target" });
      await expect(input).toBeFocused();
      await expect(overview).toBeHidden();
      await page.keyboard.press("Escape");
      await expect(target).toBeVisible();
    });

    await test.step("a double click zooms in to where it was made", async () => {
      await diagram.toolbar.getByRole("button", { name: "Zoom to fit" }).click();
      await expect(overview).toBeVisible();
      const center = await toScreen(page, gridCenter(TARGET_INDEX));
      await page.mouse.dblclick(center.x, center.y);
      await expect(overview).toBeHidden();
      await expect(target).toBeVisible();
      await expect.poll(async () => (await readView(page)).zoom).toBeCloseTo(1, 1);
      // The element is where it always was: nothing was moved by the clicks and drags above.
      const box = await target.boundingBox();
      const expected = await toScreen(page, gridCenter(TARGET_INDEX));
      expect(box).not.toBeNull();
      if (box !== null) {
        expect(box.x + box.width / 2).toBeCloseTo(expected.x, 0);
        expect(box.y + box.height / 2).toBeCloseTo(expected.y, 0);
      }
    });
  });

  test("what someone else selects shows in their colour on the overview", async ({
    alice,
    bob,
    openSession,
  }) => {
    const aliceSession = await openSession(alice);
    const bobSession = await openSession(bob);
    const model = await aliceSession.api.createModel(buildTitle("Overview together"));
    await aliceSession.api.replaceMembers(model.id, [
      { email: alice.user.email, role: "owner" },
      { email: bob.user.email, role: "editor" },
    ]);
    const atAlice = new DiagramPage(aliceSession.page);
    const atBob = new DiagramPage(bobSession.page);
    await atAlice.open(model.id);
    await pushUpdatePastTheUi(aliceSession.page, { modelId: model.id, update: buildLargeUpdate() });
    for (const diagram of [atAlice, atBob]) {
      if (diagram === atBob) await atBob.open(model.id);
      await diagram.main.getByRole("combobox", { name: "Diagram" }).selectOption("Large");
      await diagram.toolbar.getByRole("button", { name: "Zoom to fit" }).click();
      await expect(diagram.canvas.getByTestId("diagram-overview")).toBeVisible();
    }
    // Above Target's top, where an outline around it runs: clear of it and of the flows.
    const outline = async () => {
      const { zoom } = await readView(aliceSession.page);
      return toScreen(aliceSession.page, {
        x: gridCenter(TARGET_INDEX).x,
        y: gridBox(TARGET_INDEX).y - 5 / zoom,
      });
    };
    expect(await readOverviewAlpha(aliceSession.page, await outline(), 1)).toBe(0);

    const target = await toScreen(bobSession.page, gridCenter(TARGET_INDEX));
    await bobSession.page.mouse.click(target.x, target.y);
    await expect(
      atBob.main
        .getByRole("complementary", { name: "Selection properties" })
        .getByRole("textbox", { name: "Name" }),
    ).toHaveValue("Target");
    await expect
      .poll(async () => readOverviewAlpha(aliceSession.page, await outline(), 1))
      .toBeGreaterThan(0);
  });

  test("a long list of checks shows its first 20 issues, and all of them when asked", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const model = await session.api.createModel(buildTitle("Many checks"));
    const diagram = new DiagramPage(session.page);
    await diagram.open(model.id);
    // 25 processes and no flow: each is reported as having no data flows.
    const doc = new Y.Doc();
    const diagramId = addDiagram(doc, { title: "Loose", layer: 0 });
    for (let index = 0; index < 25; index += 1) {
      addElement(doc, { kind: "process", diagramId, name: `Loose ${index}`, x: index * 160, y: 0 });
    }
    await pushUpdatePastTheUi(session.page, {
      modelId: model.id,
      update: Y.encodeStateAsUpdate(doc),
    });
    doc.destroy();
    await diagram.main.getByRole("combobox", { name: "Diagram" }).selectOption("Loose");
    const checks = diagram.main.getByRole("region", { name: "Diagram checks" });
    const issues = checks.getByRole("listitem");
    await expect(issues).toHaveCount(20);
    await checks.getByRole("button", { name: "Show all 25 issues" }).click();
    await expect(issues).toHaveCount(25);
    await expect(
      checks.getByRole("button", { name: /“Loose 24” has no data flows/ }),
    ).toBeVisible();
    await checks.getByRole("button", { name: "Show the first 20" }).click();
    await expect(issues).toHaveCount(20);
  });

  test("a small diagram keeps its elements at any zoom", async ({ alice, openSession }) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Small zoomed out"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    await diagram.paletteButton("Process").click();
    const process = diagram.canvas.getByRole("group", { name: /^Process: / });
    await expect(process).toBeVisible();
    const zoomOut = diagram.canvas.getByRole("button", { name: "Zoom Out" });
    await expect
      .poll(async () => {
        await zoomOut.click();
        return (await readView(page)).zoom;
      })
      .toBeLessThan(0.3);
    await expect(process).toBeVisible();
    await expect(diagram.canvas.getByTestId("diagram-overview")).toBeHidden();
  });
});
