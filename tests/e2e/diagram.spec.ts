import * as Y from "yjs";
import { addDiagram, addElement, addFlow, addThreat } from "@/lib/model";
import { DiagramPage } from "./pages/diagram-page";
import { pushUpdatePastTheUi } from "./support/collab-probe";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

/**
 * A Yjs update with a "Checkout" diagram: Customer (inside an "Internet" boundary) -> Payments
 * API -> Ledger, and a threat on the Payments API process.
 */
function buildCheckoutUpdate(authorId: string): Uint8Array {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Checkout", layer: 0 });
  const customer = addElement(doc, { kind: "external-entity", diagramId, name: "Customer" });
  const api = addElement(doc, {
    kind: "process",
    diagramId,
    name: "Payments API",
    x: 320,
    y: -20,
  });
  const ledger = addElement(doc, { kind: "data-store", diagramId, name: "Ledger", x: 620 });
  addElement(doc, {
    kind: "trust-boundary",
    diagramId,
    name: "Internet",
    x: -40,
    y: -40,
    width: 240,
    height: 160,
  });
  addFlow(doc, { sourceId: customer, targetId: api, name: "Card details" });
  addFlow(doc, { sourceId: api, targetId: ledger, name: "Ledger entry" });
  addThreat(
    doc,
    { title: "Forged payment request", category: "spoofing", targetId: api },
    authorId,
  );
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

test.describe("diagram editor", () => {
  test("builds a small data-flow diagram with the mouse and the keyboard", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const model = await session.api.createModel(buildTitle("Diagram drawing"));
    const diagram = new DiagramPage(session.page);
    const { page } = session;
    await diagram.open(model.id);
    await expect(diagram.diagramTab).toHaveAttribute("aria-selected", "true");
    await expect(diagram.heading).toContainText("Context diagram");

    await test.step("adds an external entity from the palette and renames it in place", async () => {
      await diagram.paletteButton("External entity").click();
      await expect(diagram.element("External entity", "External entity")).toBeVisible();
      await diagram.renameSelected("Customer");
      await expect(diagram.element("External entity", "Customer")).toBeVisible();
      await diagram.dragElement(diagram.element("External entity", "Customer"), { x: -260, y: 0 });
    });

    await test.step("adds a process with the P key and renames it with Enter", async () => {
      await page.keyboard.press("p");
      await expect(diagram.element("Process", "Process")).toBeVisible();
      await page.keyboard.press("Enter");
      const field = diagram.canvas.getByRole("textbox", { name: "Name of Process" });
      await field.fill("Web app");
      await field.press("Enter");
      await expect(diagram.element("Process", "Web app")).toBeVisible();
    });

    await test.step("Escape cancels a rename", async () => {
      await page.keyboard.press("F2");
      const field = diagram.canvas.getByRole("textbox", { name: "Name of Web app" });
      await field.fill("Not this name");
      await field.press("Escape");
      await expect(field).toBeHidden();
      await expect(diagram.element("Process", "Web app")).toBeVisible();
    });

    await test.step("drops a data store from the palette onto the canvas", async () => {
      const box = await diagram.canvas.boundingBox();
      if (box === null) throw new Error("no canvas");
      await diagram.dropFromPalette("Data store", { x: box.width - 260, y: 80 });
      await expect(diagram.element("Data store", "Data store")).toBeVisible();
    });

    await test.step("connects two elements by dragging from a handle and names the flow", async () => {
      await diagram.connect(
        diagram.element("External entity", "Customer"),
        diagram.element("Process", "Web app"),
      );
      await expect(diagram.flow("Unnamed")).toHaveCount(1);
      await expect(diagram.flow("Unnamed")).toHaveAccessibleName(
        "Data flow: Unnamed, from Customer to Web app",
      );
      await diagram.renameSelected("Order");
      await expect(diagram.flow("Order")).toHaveCount(1);
    });

    await test.step("undo and redo revert and replay the last changes", async () => {
      await page.keyboard.press("Control+z");
      await expect(diagram.flow("Unnamed")).toHaveCount(1);
      await page.keyboard.press("Control+z");
      await expect(diagram.flow("Unnamed")).toHaveCount(0);
      await page.keyboard.press("Control+Shift+z");
      await expect(diagram.flow("Unnamed")).toHaveCount(1);
      await diagram.redoButton.click();
      await expect(diagram.flow("Order")).toHaveCount(1);
    });

    await test.step("copies and pastes an element with a new name slot", async () => {
      await diagram.element("Data store", "Data store").click();
      await page.keyboard.press("Control+c");
      await page.keyboard.press("Control+v");
      await expect(diagram.element("Data store", "Data store")).toHaveCount(2);
      await page.keyboard.press("Control+z");
      await expect(diagram.element("Data store", "Data store")).toHaveCount(1);
    });

    await test.step("deletes the selection with the Delete key", async () => {
      await diagram.element("Data store", "Data store").click();
      await page.keyboard.press("Delete");
      await expect(diagram.element("Data store", "Data store")).toHaveCount(0);
    });

    await test.step("lists the shortcuts in the keyboard help", async () => {
      await diagram.shortcutsButton.click();
      await expect(diagram.shortcuts).toBeVisible();
      await expect(diagram.shortcuts).toContainText("Add a process");
      await page.keyboard.press("Escape");
      await expect(diagram.shortcuts).toBeHidden();
    });

    await test.step("the drawing is stored: it is there after a reload", async () => {
      await page.reload();
      await expect(diagram.element("External entity", "Customer")).toBeVisible();
      await expect(diagram.element("Process", "Web app")).toBeVisible();
      await expect(diagram.flow("Order")).toHaveCount(1);
    });
  });

  test("asks before deleting an element that threats target, and opens sub-diagrams", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const model = await session.api.createModel(buildTitle("Payments"));
    const diagram = new DiagramPage(session.page);
    await diagram.open(model.id);
    await pushUpdatePastTheUi(session.page, {
      modelId: model.id,
      update: buildCheckoutUpdate(alice.user.id),
    });
    await diagram.main.getByRole("combobox", { name: "Diagram" }).selectOption("Checkout");
    await expect(diagram.heading).toContainText("Checkout");
    const api = diagram.element("Process", "Payments API");
    await expect(api).toBeVisible();
    await expect(diagram.element("Trust boundary", "Internet")).toBeAttached();
    await expect(diagram.canvas.getByText("Crosses Internet")).toBeVisible();

    await test.step("opens the process's sub-diagram with the parent flows as stubs", async () => {
      await api.getByRole("button", { name: "Open sub-diagram of Payments API" }).click();
      await expect(diagram.heading).toContainText("Payments API");
      await expect(diagram.heading).toContainText("Layer 1");
      await expect(diagram.crumb("Checkout")).toBeVisible();
      await expect(diagram.stub("Card details", "from", "Customer")).toBeVisible();
      await expect(diagram.stub("Ledger entry", "to", "Ledger")).toBeVisible();
      await expect(session.page).toHaveURL(/[?&]diagram=/);
    });

    await test.step("zooms one layer further with the toolbar", async () => {
      await session.page.keyboard.press("p");
      await diagram.renameSelected("Worker");
      await diagram.openSubDiagramButton.click();
      await expect(diagram.heading).toContainText("Payments API - Worker");
      await expect(diagram.heading).toContainText("Layer 2");
      await expect(diagram.crumb("Payments API")).toBeVisible();
      await diagram.crumb("Checkout").click();
      await expect(diagram.heading).toContainText("Checkout");
    });

    await test.step("deleting a targeted process asks first, then removes it and its flows", async () => {
      await api.click();
      await session.page.keyboard.press("Delete");
      await expect(diagram.confirmDialog).toBeVisible();
      await expect(diagram.confirmDialog).toContainText("1 threat targets them");
      await diagram.confirmDialog.getByRole("button", { name: "Cancel" }).click();
      await expect(api).toBeVisible();

      await api.click();
      await diagram.deleteButton.click();
      await diagram.confirmDialog.getByRole("button", { name: "Delete" }).click();
      await expect(api).toHaveCount(0);
      await expect(diagram.flow("Card details")).toHaveCount(0);
      await expect(diagram.flow("Ledger entry")).toHaveCount(0);
      await diagram.undoButton.click();
      await expect(api).toBeVisible();
      await expect(diagram.flow("Card details")).toHaveCount(1);
    });
  });

  test("a second person sees edits, pointer and drags arrive live", async ({
    alice,
    bob,
    openSession,
  }) => {
    const aliceSession = await openSession(alice);
    const bobSession = await openSession(bob);
    const model = await aliceSession.api.createSharedModel(buildTitle("Shared diagram"), [
      { email: bob.user.email, role: "editor" },
    ]);
    const atAlice = new DiagramPage(aliceSession.page);
    const atBob = new DiagramPage(bobSession.page);
    await atAlice.open(model.id);
    await atBob.open(model.id);

    await test.step("an element Alice adds and names appears for Bob", async () => {
      await atAlice.paletteButton("Process").click();
      await atAlice.renameSelected("Shared service");
      await expect(atBob.element("Process", "Shared service")).toBeVisible();
    });

    await test.step("Bob sees Alice's pointer and her selection", async () => {
      const box = await atAlice.canvas.boundingBox();
      if (box === null) throw new Error("no canvas");
      await aliceSession.page.mouse.move(box.x + 60, box.y + 60);
      await aliceSession.page.mouse.move(box.x + 80, box.y + 90, { steps: 3 });
      await expect(atBob.pointerOf(alice.user.name)).toBeVisible();
      await expect(atBob.element("Process", "Shared service")).toContainText(alice.user.name);
    });

    await test.step("an element Bob drags moves on Alice's screen", async () => {
      const node = atAlice.element("Process", "Shared service");
      const before = await node.boundingBox();
      await atBob.dragElement(atBob.element("Process", "Shared service"), { x: 180, y: 60 });
      await expect
        .poll(async () => ((await node.boundingBox())?.x ?? 0) - (before?.x ?? 0))
        .toBeGreaterThan(60);
    });

    await test.step("Bob's undo reverts his move only, not Alice's rename", async () => {
      await bobSession.page.keyboard.press("Control+z");
      await expect(atBob.element("Process", "Shared service")).toBeVisible();
      await expect(atAlice.element("Process", "Shared service")).toBeVisible();
      await expect(atBob.undoButton).toBeDisabled();
    });
  });
});

test.describe("diagram editor for readers", () => {
  test("a viewer follows the diagram but cannot change it", async ({ alice, bob, openSession }) => {
    const owner = await openSession(alice);
    const viewer = await openSession(bob);
    const model = await owner.api.createSharedModel(buildTitle("Read-only diagram"), [
      { email: bob.user.email, role: "viewer" },
    ]);
    await new DiagramPage(owner.page).open(model.id);
    await pushUpdatePastTheUi(owner.page, {
      modelId: model.id,
      update: buildCheckoutUpdate(alice.user.id),
    });
    const diagram = new DiagramPage(viewer.page);
    await diagram.open(model.id);
    const api = diagram.element("Process", "Payments API");
    await expect(api).toBeVisible();
    await expect(diagram.palette).toBeHidden();
    await expect(diagram.undoButton).toBeHidden();

    await api.click();
    await viewer.page.keyboard.press("p");
    await viewer.page.keyboard.press("F2");
    await viewer.page.keyboard.press("Delete");
    await expect(diagram.canvas.getByRole("textbox")).toHaveCount(0);
    await expect(diagram.confirmDialog).toBeHidden();
    await expect(api).toBeVisible();
    await expect(diagram.element("Process", "Process")).toHaveCount(0);
  });
});
