import { expect, type Locator, type Page } from "@playwright/test";

/** What the canvas names each kind of element (its node is announced "Process: Web app"). */
export type ElementKindLabel = "External entity" | "Process" | "Data store" | "Trust boundary";

/** The Diagram tab of a model's workspace (/models/<id>?tab=diagram). */
export class DiagramPage {
  readonly main: Locator;
  readonly connectionStatus: Locator;
  readonly diagramTab: Locator;
  readonly toolbar: Locator;
  readonly palette: Locator;
  readonly canvas: Locator;
  readonly path: Locator;
  /** The current diagram's hierarchical name and layer. */
  readonly heading: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;
  readonly deleteButton: Locator;
  readonly openSubDiagramButton: Locator;
  readonly shortcutsButton: Locator;
  readonly shortcuts: Locator;
  readonly confirmDialog: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.connectionStatus = this.main.getByRole("status", { name: "Connection status" });
    this.diagramTab = this.main.getByRole("tab", { name: "Diagram" });
    this.toolbar = this.main.getByRole("toolbar", { name: "Diagram tools" });
    this.palette = this.toolbar.getByRole("group", { name: "Add to diagram" });
    this.canvas = this.main.getByRole("region", { name: "Diagram canvas" });
    this.path = this.main.getByRole("navigation", { name: "Diagram path" });
    this.heading = this.main.getByRole("tabpanel").getByRole("heading", { level: 2 }).first();
    this.undoButton = this.toolbar.getByRole("button", { name: "Undo", exact: true });
    this.redoButton = this.toolbar.getByRole("button", { name: "Redo", exact: true });
    this.deleteButton = this.toolbar.getByRole("button", { name: "Delete", exact: true });
    this.openSubDiagramButton = this.toolbar.getByRole("button", { name: "Open sub-diagram" });
    this.shortcutsButton = this.toolbar.getByRole("button", { name: "Keyboard shortcuts" });
    this.shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    this.confirmDialog = page.getByRole("dialog");
  }

  /** Opens the model on its Diagram tab and waits until the document is live. */
  async open(modelId: string): Promise<void> {
    await this.page.goto(`/models/${encodeURIComponent(modelId)}?tab=diagram`);
    await expect(this.connectionStatus).toHaveText("Connected");
    await expect(this.canvas).toBeVisible();
  }

  /** The node of an element, by kind and name. */
  element(kind: ElementKindLabel, name: string): Locator {
    return this.canvas.getByRole("group", { name: `${kind}: ${name}`, exact: true });
  }

  /**
   * The edge of a data flow, by its label ("Unnamed" when it has no name). A level arrow has no
   * height, which Playwright calls hidden: count flows rather than asking whether they show.
   */
  flow(label: string): Locator {
    return this.canvas.getByRole("group", {
      name: new RegExp(`^Data flow: ${escapeRegExp(label)},`),
    });
  }

  /** A parent diagram's flow drawn at the edge of a sub-diagram. */
  stub(name: string, direction: "from" | "to", outsideElement: string): Locator {
    return this.canvas.getByRole("group", {
      name: `Parent flow: ${name}, ${direction} ${outsideElement}`,
    });
  }

  /** A crumb of the diagram path that opens that diagram. */
  crumb(name: string): Locator {
    return this.path.getByRole("button", { name, exact: true });
  }

  paletteButton(label: string): Locator {
    return this.palette.getByRole("button", { name: label, exact: true });
  }

  /** Someone else's pointer on the canvas. */
  pointerOf(name: string): Locator {
    return this.canvas.getByRole("img", { name: `${name}'s pointer` });
  }

  /** Renames the one selected element or flow in place (F2, type, Enter). */
  async renameSelected(name: string): Promise<void> {
    await this.page.keyboard.press("F2");
    const field = this.canvas.getByRole("textbox", { name: /^Name of / });
    await expect(field).toBeFocused();
    await field.fill(name);
    await field.press("Enter");
    await expect(field).toBeHidden();
  }

  /** Drags an element by its middle to a point relative to where it is. */
  async dragElement(node: Locator, by: { x: number; y: number }): Promise<void> {
    const box = await requireBox(node);
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move(start.x + by.x / 2, start.y + by.y / 2, { steps: 5 });
    await this.page.mouse.move(start.x + by.x, start.y + by.y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Drags from a handle on the right of `from` to the handle on the left of `to`. */
  async connect(from: Locator, to: Locator): Promise<void> {
    const source = await requireBox(from.locator(".react-flow__handle-right"));
    const target = await requireBox(to.locator(".react-flow__handle-left"));
    await this.page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x - 20, target.y + target.height / 2, { steps: 8 });
    await this.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, {
      steps: 4,
    });
    await this.page.mouse.up();
  }

  /** Drags a palette button and drops it on the canvas at a point of the canvas. */
  async dropFromPalette(label: string, at: { x: number; y: number }): Promise<void> {
    await this.paletteButton(label).dragTo(this.canvas, { targetPosition: at });
  }

  /** Clicks an empty spot of the canvas (clears the selection, focuses the page). */
  async clickEmptyCanvas(at = { x: 20, y: 20 }): Promise<void> {
    await this.canvas.locator(".react-flow__pane").click({ position: at });
  }
}

async function requireBox(locator: Locator): Promise<{
  x: number;
  y: number;
  width: number;
  height: number;
}> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error("the element is not on screen");
  return box;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
