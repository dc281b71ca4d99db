import type { Locator, Page } from "@playwright/test";
import * as Y from "yjs";
import { addDiagram, addElement, addFlow, addThreat } from "@/lib/model";
import { DiagramPage } from "./pages/diagram-page";
import { pushUpdatePastTheUi } from "./support/collab-probe";
import { buildShopUpdate } from "./support/diagram-factory";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function requireBox(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error("not on screen");
  return box;
}

function doBoxesIntersect(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function centerOf(box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Whether the straight line passes through the inside of the box, sampled every pixel. */
function doesLinePassThrough(
  from: { x: number; y: number },
  to: { x: number; y: number },
  box: Box,
): boolean {
  const steps = Math.ceil(Math.hypot(to.x - from.x, to.y - from.y));
  for (let step = 0; step <= steps; step++) {
    const t = steps === 0 ? 0 : step / steps;
    const x = from.x + (to.x - from.x) * t;
    const y = from.y + (to.y - from.y) * t;
    if (x > box.x && x < box.x + box.width && y > box.y && y < box.y + box.height) return true;
  }
  return false;
}

/** Waits for two more animation frames, so what React Flow does after a change has happened. */
async function waitForFrames(page: Page): Promise<void> {
  for (let frame = 0; frame < 3; frame++) {
    await page.evaluate(
      () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())),
    );
  }
}

/** A node's box in canvas coordinates (independent of pan and zoom), from its transform. */
async function canvasBoxOf(node: Locator): Promise<Box> {
  return node.evaluate((element) => {
    if (!(element instanceof HTMLElement)) throw new Error("not an HTML element");
    const match = /translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(element.style.transform);
    if (match === null) throw new Error(`no position in "${element.style.transform}"`);
    return {
      x: Number(match[1]),
      y: Number(match[2]),
      width: element.offsetWidth,
      height: element.offsetHeight,
    };
  });
}

/** Starts a discussion thread through the API, as the page's signed-in user. */
async function startThread(
  page: Page,
  modelId: string,
  thread: { target: { kind: "element" | "flow"; id: string }; subject: string; body: string },
): Promise<void> {
  const answer = await page.request.post(`/api/models/${encodeURIComponent(modelId)}/threads`, {
    data: thread,
    headers: { origin: new URL(page.url()).origin },
  });
  expect(answer.ok()).toBe(true);
}

async function openDiagram(diagram: DiagramPage, title: string): Promise<void> {
  await diagram.main.getByRole("combobox", { name: "Diagram" }).selectOption(title);
  await expect(diagram.heading).toContainText(title);
}

const LONG_NAME =
  "Payment authorisation and settlement orchestrator for every card scheme we accept worldwide";
const UNBROKEN_NAME = "Supercalifragilisticexpialidociousauthorisationserviceendpoint";

/** Two elements 1,400 units apart, joined by one long flow. */
function buildLongFlowUpdate(): { update: Uint8Array; flowId: string } {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Long", layer: 0 });
  const near = addElement(doc, { kind: "external-entity", diagramId, name: "Near", x: 40, y: 200 });
  const far = addElement(doc, { kind: "data-store", diagramId, name: "Far", x: 1400, y: 200 });
  const flowId = addFlow(doc, { sourceId: near, targetId: far, name: "Long link" });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, flowId };
}

/** Elements with long names, each with open threats; the first process gets a thread too. */
function buildBadgesUpdate(authorId: string): { update: Uint8Array; processId: string } {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Badges", layer: 0 });
  const processId = addElement(doc, { kind: "process", diagramId, name: LONG_NAME });
  const ids = [
    processId,
    addElement(doc, { kind: "process", diagramId, name: UNBROKEN_NAME, x: 300 }),
    addElement(doc, { kind: "process", diagramId, name: "Tiny", x: 600 }),
    addElement(doc, { kind: "data-store", diagramId, name: LONG_NAME, y: 300 }),
    addElement(doc, { kind: "external-entity", diagramId, name: UNBROKEN_NAME, x: 300, y: 300 }),
  ];
  for (const [index, targetId] of ids.entries()) {
    // Up to 120 threats, so the badge reads "99+" on one of them.
    const count = index === 0 ? 120 : index + 1;
    for (let threat = 0; threat < count; threat++) {
      addThreat(doc, { title: `Threat ${threat}`, category: "tampering", targetId }, authorId);
    }
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, processId };
}

/** "Layout": a long chain of 14 steps with flows that skip steps, part of it in a box. */
function buildLayoutUpdate(): {
  update: Uint8Array;
  names: string[];
  flows: [string, string][];
  boxed: string[];
} {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Layout", layer: 0 });
  const names = Array.from({ length: 14 }, (_, index) => `Step ${index + 1}`);
  const ids = new Map<string, string>();
  // All piled up in two rows, overlapping: the layout has everything to do.
  names.forEach((name, index) => {
    ids.set(name, addElement(doc, { kind: "process", diagramId, name, x: index * 40, y: 0 }));
  });
  const boxed = ["Step 3", "Step 4", "Step 5"];
  addElement(doc, {
    kind: "trust-boundary",
    diagramId,
    name: "Cluster",
    // Holds the centres of steps 3 to 5 (x 140, 180, 220).
    x: 110,
    y: -20,
    width: 130,
    height: 160,
  });
  const flows: [string, string][] = [];
  const connect = (from: string, to: string) => {
    const sourceId = ids.get(from);
    const targetId = ids.get(to);
    if (!sourceId || !targetId) throw new Error("unknown step");
    addFlow(doc, { sourceId, targetId, name: `${from} to ${to}` });
    flows.push([from, to]);
  };
  for (let index = 0; index < names.length - 1; index++) {
    connect(names[index] ?? "", names[index + 1] ?? "");
  }
  // Flows that skip steps: drawn straight, they would cut through the steps between.
  connect("Step 1", "Step 3");
  connect("Step 2", "Step 5");
  connect("Step 6", "Step 9");
  connect("Step 10", "Step 12");
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, names, flows, boxed };
}

test.describe("the diagram reads well", () => {
  test.use({ viewport: { width: 1440, height: 1000 } });

  test("an element's name, badges and sub-diagram button never cover each other", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Badges"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    const { update, processId } = buildBadgesUpdate(alice.user.id);
    await pushUpdatePastTheUi(page, { modelId: model.id, update });
    await startThread(page, model.id, {
      target: { kind: "element", id: processId },
      subject: "Which schemes?",
      body: "Do we really accept all of them?",
    });
    await openDiagram(diagram, "Badges");

    const longProcess = diagram.element("Process", LONG_NAME);
    const nodes = [
      longProcess,
      diagram.element("Process", UNBROKEN_NAME),
      diagram.element("Process", "Tiny"),
      diagram.element("Data store", LONG_NAME),
      diagram.element("External entity", UNBROKEN_NAME),
    ];
    await expect(longProcess.getByRole("button", { name: /^1 open thread on / })).toBeVisible();
    await expect(longProcess.locator("[data-threat-count]")).toHaveText("99+");

    for (const node of nodes) {
      await expect(node).toBeVisible();
      const name = node.locator('[data-node-part="name"]');
      const parts: [string, Locator][] = [
        ["name", name],
        ["threat badge", node.locator("[data-threat-count]")],
        ["thread badge", node.getByRole("button", { name: /open threads? on / })],
        ["sub-diagram button", node.getByRole("button", { name: /^Open sub-diagram of / })],
      ];
      const boxes: [string, Box][] = [];
      for (const [part, locator] of parts) {
        if ((await locator.count()) === 0) continue;
        boxes.push([part, await requireBox(locator)]);
      }
      const label = await node.getAttribute("aria-label");
      // Every node has its name and threat badge; processes their button.
      expect(boxes.length, `parts of ${label}`).toBeGreaterThanOrEqual(
        label?.startsWith("Process") ? 3 : 2,
      );
      for (const [index, [part, box]] of boxes.entries()) {
        for (const [otherPart, other] of boxes.slice(index + 1)) {
          expect(doBoxesIntersect(box, other), `${part} and ${otherPart} of ${label}`).toBe(false);
        }
      }
      // The name stays inside its node, cut short with the whole of it as the tooltip.
      const nodeBox = await requireBox(node);
      const nameBox = await requireBox(name);
      expect(nameBox.x).toBeGreaterThanOrEqual(nodeBox.x);
      expect(nameBox.x + nameBox.width).toBeLessThanOrEqual(nodeBox.x + nodeBox.width + 0.5);
      expect(nameBox.y + nameBox.height).toBeLessThanOrEqual(nodeBox.y + nodeBox.height + 0.5);
      expect(await name.getAttribute("title")).toBe(label?.replace(/^[^:]+: /, ""));
    }
    // The long names do not fit: they are cut short.
    const isClamped = await longProcess
      .locator('[data-node-part="name"]')
      .evaluate((element) => element.scrollHeight > element.clientHeight + 1);
    expect(isClamped).toBe(true);
  });

  test("a flow's discussion badge keeps the keyboard focus while a zoom takes its label out of view", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Long"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    const { update, flowId } = buildLongFlowUpdate();
    await pushUpdatePastTheUi(page, { modelId: model.id, update });
    await startThread(page, model.id, {
      target: { kind: "flow", id: flowId },
      subject: "Encrypted?",
      body: "Is it TLS?",
    });
    await openDiagram(diagram, "Long");

    const badge = diagram.canvas.getByRole("button", { name: "1 open thread on Long link" });
    await badge.focus();
    await expect(badge).toBeFocused();
    // Zoom in as far as the canvas goes around "Near": the label, half-way to "Far", ends up
    // some 1,700 px to the right, past the area whose labels are drawn.
    const near = centerOf(await requireBox(diagram.element("External entity", "Near")));
    await page.mouse.move(near.x, near.y);
    for (let step = 0; step < 6; step++) await page.mouse.wheel(0, -400);
    await expect(diagram.canvas.locator(".react-flow__viewport")).toHaveCSS(
      "transform",
      /matrix\(2\.5,/,
    );
    await expect(diagram.canvas.getByText("Long link", { exact: true })).not.toBeInViewport();
    await expect(badge).toBeFocused();
    // Once the focus moves on, the label is no longer drawn.
    await page.keyboard.press("Shift+Tab");
    await expect(badge).toHaveCount(0);
  });

  test("the first element dropped on an empty canvas stays where it was dropped", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Drop"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    await expect(diagram.canvas.getByText(/Add elements from the toolbar/)).toBeVisible();
    const canvasBox = await requireBox(diagram.canvas);
    // Well away from the middle, where a fit of the view would move it.
    const dropAt = { x: 260, y: 160 };
    await diagram.dropFromPalette("Process", dropAt);
    const process = diagram.element("Process", "Process");
    await expect(process).toBeVisible();
    const expected = { x: canvasBox.x + dropAt.x, y: canvasBox.y + dropAt.y };
    const isAtDropPoint = async () => {
      const center = centerOf(await requireBox(process));
      return Math.hypot(center.x - expected.x, center.y - expected.y);
    };
    await expect.poll(isAtDropPoint).toBeLessThan(3);
    // Once React Flow has measured and drawn the new node, nothing moves it.
    await waitForFrames(page);
    expect(await isAtDropPoint()).toBeLessThan(3);

    await test.step("a second element dropped elsewhere lands there too", async () => {
      await diagram.dropFromPalette("External entity", { x: 760, y: 420 });
      const entity = diagram.element("External entity", "External entity");
      await expect(entity).toBeVisible();
      await waitForFrames(page);
      const center = centerOf(await requireBox(entity));
      expect(Math.abs(center.x - (canvasBox.x + 760))).toBeLessThan(3);
      expect(Math.abs(center.y - (canvasBox.y + 420))).toBeLessThan(3);
      expect(await isAtDropPoint()).toBeLessThan(3);
    });

    await test.step("an element added from the toolbar goes into free space", async () => {
      // A flow from the entity to the process runs through the middle of the view.
      await diagram.connect(diagram.element("External entity", "External entity"), process);
      await expect(diagram.flow("Unnamed")).toHaveCount(1);
      await diagram.clickEmptyCanvas();
      await diagram.paletteButton("Data store").click();
      const store = diagram.element("Data store", "Data store");
      await expect(store).toBeVisible();
      await waitForFrames(page);
      const storeBox = await requireBox(store);
      const processBox = await requireBox(process);
      const entityBox = await requireBox(diagram.element("External entity", "External entity"));
      expect(doBoxesIntersect(storeBox, processBox)).toBe(false);
      expect(doBoxesIntersect(storeBox, entityBox)).toBe(false);
      expect(doesLinePassThrough(centerOf(entityBox), centerOf(processBox), storeBox)).toBe(false);
    });
  });

  test("auto layout runs left to right, keeps boxes, clears flows and stays readable", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Layout"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    const { update, names, flows, boxed } = buildLayoutUpdate();
    await pushUpdatePastTheUi(page, { modelId: model.id, update });
    await openDiagram(diagram, "Layout");
    const nodeOf = (name: string) => diagram.element("Process", name);
    await expect(nodeOf("Step 1")).toBeAttached();
    const cluster = diagram.element("Trust boundary", "Cluster");

    const readBoxes = async () => {
      const boxes = new Map<string, Box>();
      for (const name of names) boxes.set(name, await canvasBoxOf(nodeOf(name)));
      return boxes;
    };
    const before = await readBoxes();
    await diagram.toolbar.getByRole("button", { name: "Auto layout" }).click();
    await expect.poll(async () => (await canvasBoxOf(nodeOf("Step 2"))).x).toBeGreaterThan(150);
    await waitForFrames(page);

    await test.step("the view is not zoomed out below readable labels", async () => {
      const screen = await requireBox(nodeOf("Step 1"));
      const zoom = screen.width / (await canvasBoxOf(nodeOf("Step 1"))).width;
      expect(zoom).toBeGreaterThanOrEqual(0.75 - 0.01);
      // It is shown from its start...
      const canvasBox = await requireBox(diagram.canvas);
      expect(screen.x).toBeGreaterThan(canvasBox.x);
      expect(screen.x).toBeLessThan(canvasBox.x + canvasBox.width / 2);
      // ...and its end, beyond the view at that zoom, is reached by panning (React Flow does
      // not even draw nodes out of view).
      const last = nodeOf("Step 14");
      const isOutOfView =
        (await last.count()) === 0 || (await requireBox(last)).x > canvasBox.x + canvasBox.width;
      expect(isOutOfView).toBe(true);
    });

    // Everything in view, to measure it all.
    await diagram.toolbar.getByRole("button", { name: "Zoom to fit" }).click();
    await expect(nodeOf("Step 14")).toBeAttached();
    const after = await readBoxes();
    const boxOf = (name: string): Box => {
      const box = after.get(name);
      if (box === undefined) throw new Error(`no box for ${name}`);
      return box;
    };

    await test.step("left to right along the flows, nothing overlapping", () => {
      for (const [from, to] of flows) {
        expect(centerOf(boxOf(from)).x, `${from} left of ${to}`).toBeLessThan(
          centerOf(boxOf(to)).x,
        );
      }
      for (const [index, name] of names.entries()) {
        for (const other of names.slice(index + 1)) {
          expect(doBoxesIntersect(boxOf(name), boxOf(other)), `${name} and ${other}`).toBe(false);
        }
      }
    });

    await test.step("no flow's line passes through a third element", () => {
      for (const [from, to] of flows) {
        for (const name of names) {
          if (name === from || name === to) continue;
          const through = doesLinePassThrough(
            centerOf(boxOf(from)),
            centerOf(boxOf(to)),
            boxOf(name),
          );
          expect(through, `${from} -> ${to} through ${name}`).toBe(false);
        }
      }
    });

    await test.step("the box boundary still holds its elements, resized around them", async () => {
      const box = await canvasBoxOf(cluster);
      for (const name of boxed) {
        const inner = boxOf(name);
        expect(inner.x).toBeGreaterThanOrEqual(box.x);
        expect(inner.y).toBeGreaterThanOrEqual(box.y);
        expect(inner.x + inner.width).toBeLessThanOrEqual(box.x + box.width);
        expect(inner.y + inner.height).toBeLessThanOrEqual(box.y + box.height);
      }
      for (const name of names.filter((other) => !boxed.includes(other))) {
        const center = centerOf(boxOf(name));
        const isInside =
          center.x > box.x &&
          center.x < box.x + box.width &&
          center.y > box.y &&
          center.y < box.y + box.height;
        expect(isInside, `${name} outside the Cluster`).toBe(false);
      }
    });

    await test.step("one undo puts every element back", async () => {
      await diagram.undoButton.click();
      await expect
        .poll(async () => (await canvasBoxOf(nodeOf("Step 14"))).x)
        .toBe(before.get("Step 14")?.x);
      const restored = await readBoxes();
      for (const name of names) expect(restored.get(name), name).toEqual(before.get(name));
    });
  });

  test("a sub-diagram's stub joins the inner element that carries its flow", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Stubs"));
    const diagram = new DiagramPage(page);
    await diagram.open(model.id);
    await pushUpdatePastTheUi(page, {
      modelId: model.id,
      update: buildShopUpdate([{ name: "Validator" }, { name: "Writer", x: 400 }]),
    });
    await openDiagram(diagram, "Shop");
    await diagram
      .element("Process", "API")
      .getByRole("button", { name: "Open sub-diagram of API" })
      .click();
    await expect(diagram.heading).toContainText("Layer 1");

    const stub = diagram.stub("Card details", "from", "Customer");
    const validator = diagram.element("Process", "Validator");
    await expect(stub).toBeVisible();
    await expect(validator).toBeVisible();
    const checks = diagram.main.getByRole("region", { name: "Diagram checks" });
    const noFlows = checks.getByRole("button", { name: /“Validator” has no data flows/ });
    await expect(noFlows).toBeVisible();
    const link = diagram.canvas.getByRole("group", {
      name: "Parent flow Card details carried by Validator",
    });

    await test.step("drawing from the stub to the Validator joins them", async () => {
      const from = await requireBox(stub.locator(".react-flow__handle"));
      const to = await requireBox(validator.locator(".react-flow__handle-left"));
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(to.x - 20, to.y + to.height / 2, { steps: 8 });
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 4 });
      await page.mouse.up();
      await expect(link).toHaveCount(1);
      await expect(noFlows).toHaveCount(0);
      // No data flow was added: the stub is joined, not a new flow.
      await expect(diagram.flow("Unnamed")).toHaveCount(0);
    });

    await test.step("undo and redo the link in one step each", async () => {
      await diagram.undoButton.click();
      await expect(link).toHaveCount(0);
      await expect(noFlows).toBeVisible();
      await diagram.redoButton.click();
      await expect(link).toHaveCount(1);
      await expect(noFlows).toHaveCount(0);
    });

    await test.step("the link is stored: it is there after a reload", async () => {
      await page.reload();
      await expect(diagram.connectionStatus).toHaveText("Connected");
      await expect(link).toHaveCount(1);
      await expect(noFlows).toHaveCount(0);
    });

    await test.step("the selected link is removed with Delete", async () => {
      await link.focus();
      await link.press("Enter");
      await expect(link).toHaveClass(/selected/);
      await page.keyboard.press("Delete");
      await expect(link).toHaveCount(0);
      await expect(noFlows).toBeVisible();
    });
  });
});
