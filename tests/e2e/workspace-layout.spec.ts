import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DiagramPage } from "./pages/diagram-page";
import type { ThreatRoomApi } from "./support/api";
import { pushUpdatePastTheUi } from "./support/collab-probe";
import { buildTitle } from "./support/factories";
import { buildTwentyElementUpdate } from "./support/twenty-element-diagram";

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (box === null) throw new Error("the element has no box");
  return box;
}

/** The height of one row of toolbar buttons, with a little slack for borders. */
const ONE_ROW_MAX_HEIGHT = 52;

async function expectCanvasFillsWindow(page: Page, diagram: DiagramPage) {
  const viewport = page.viewportSize();
  if (viewport === null) throw new Error("no viewport");
  // The canvas ends inside the window: no page scroll to reach any of it.
  await expect
    .poll(async () => {
      const box = await boxOf(diagram.canvas);
      return box.y + box.height;
    })
    .toBeLessThanOrEqual(viewport.height);
  // Header, tabs and toolbar leave the canvas more than half the window.
  const canvas = await boxOf(diagram.canvas);
  expect(canvas.height).toBeGreaterThan(viewport.height * 0.55);
  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(pageHeight).toBeLessThanOrEqual(viewport.height + 1);
}

/** The canvas's zoom, read from React Flow's viewport transform. */
async function readCanvasZoom(page: Page): Promise<number> {
  const transform = await page
    .locator(".react-flow__viewport")
    .evaluate((element) => getComputedStyle(element).transform);
  // matrix(a, b, c, d, e, f): a is the horizontal scale.
  const match = /^matrix\(([^,]+),/.exec(transform);
  if (!match?.[1]) throw new Error(`unexpected transform ${transform}`);
  return Number(match[1]);
}

/** A model holding only the 20-element diagram, written before anyone opens it. */
async function createShop(page: Page, api: ThreatRoomApi) {
  const model = await api.createModel(buildTitle("Shop"));
  await page.goto("/models");
  const { update, diagramId } = buildTwentyElementUpdate();
  await pushUpdatePastTheUi(page, { modelId: model.id, update });
  return { id: model.id, url: `/models/${model.id}?diagram=${diagramId}` };
}

test.describe("room to draw", () => {
  test("at 1440x900 and 1280x800 the canvas fills the window and the toolbar is one row", async ({
    alice,
    openSession,
  }, testInfo) => {
    const { page, api } = await openSession(alice);
    const model = await createShop(page, api);
    const diagram = new DiagramPage(page);

    await page.setViewportSize({ width: 1440, height: 900 });
    // No tab in the address: the model opens on the Diagram tab.
    await page.goto(model.url);
    await expect(diagram.diagramTab).toHaveAttribute("aria-selected", "true");
    await expect(diagram.element("Process", "Checkout service")).toBeVisible();
    await expectCanvasFillsWindow(page, diagram);
    expect((await boxOf(diagram.toolbar)).height).toBeLessThanOrEqual(ONE_ROW_MAX_HEIGHT);
    await expect(diagram.toolbar.getByRole("button", { name: "Auto layout" })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("diagram-1440x900.png") });
    // No flow's label lies under an element: at the middle of each label in view, an element is
    // not what the page shows. ("Card token" lay under "API gateway".)
    const underElements = await page.evaluate(() => {
      const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
      const inside = (box: DOMRect, x: number, y: number) =>
        x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
      const labels = [...document.querySelectorAll(".react-flow__edgelabel-renderer > div")];
      return labels.flatMap((label) => {
        const box = label.getBoundingClientRect();
        const x = box.left + box.width / 2;
        const y = box.top + box.height / 2;
        if (pane === undefined || !inside(pane, x, y)) return [];
        const shown = document.elementFromPoint(x, y);
        return shown?.closest(".react-flow__node") ? [label.textContent ?? ""] : [];
      });
    });
    expect(underElements).toEqual([]);
    // Nor does a label lie over another: no chip of one label meets a chip of another.
    const overlapping = await page.evaluate(() => {
      const labels = [...document.querySelectorAll(".react-flow__edgelabel-renderer > div")];
      const chips = labels.map((label) =>
        [...label.children].map((chip) => chip.getBoundingClientRect()),
      );
      const meet = (a: DOMRect, b: DOMRect) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const pairs: string[] = [];
      chips.forEach((own, index) => {
        for (let other = index + 1; other < chips.length; other += 1) {
          if (own.some((a) => (chips[other] ?? []).some((b) => meet(a, b)))) {
            pairs.push(`${labels[index]?.textContent} / ${labels[other]?.textContent}`);
          }
        }
      });
      return pairs;
    });
    expect(overlapping).toEqual([]);

    await page.setViewportSize({ width: 1280, height: 800 });
    await expectCanvasFillsWindow(page, diagram);
    expect((await boxOf(diagram.toolbar)).height).toBeLessThanOrEqual(ONE_ROW_MAX_HEIGHT);
    await expect(diagram.toolbar.getByRole("button", { name: "Zoom to fit" })).toBeVisible();
    await expect(diagram.toolbar.getByRole("button", { name: "More" })).toBeHidden();
  });

  test("at 1024x768 the view actions move into a More menu and the canvas still fits", async ({
    alice,
    openSession,
  }, testInfo) => {
    const { page, api } = await openSession(alice);
    const model = await createShop(page, api);
    const diagram = new DiagramPage(page);

    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(model.url);
    // Too wide to read when fitted, the diagram opens at readable zoom from its start.
    await expect(diagram.element("External entity", "Customer")).toBeInViewport();
    expect(await readCanvasZoom(page)).toBeGreaterThanOrEqual(0.75);
    await expect(diagram.element("Data store", "Orders database")).toBeHidden();
    await expectCanvasFillsWindow(page, diagram);
    expect((await boxOf(diagram.toolbar)).height).toBeLessThanOrEqual(ONE_ROW_MAX_HEIGHT);
    await expect(diagram.toolbar.getByRole("button", { name: "Zoom to fit" })).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath("diagram-1024x768.png") });

    // The title row is one line: the model's less frequent actions wait in its own More menu.
    const title = await boxOf(page.getByRole("heading", { level: 1 }));
    const review = await boxOf(diagram.main.getByRole("button", { name: "Review" }));
    expect(Math.abs(title.y + title.height / 2 - (review.y + review.height / 2))).toBeLessThan(8);
    await diagram.main.getByRole("button", { name: "More", exact: true }).first().click();
    await expect(
      page.getByRole("menu", { name: "More model actions" }).getByRole("menuitem", {
        name: "Versions",
      }),
    ).toBeVisible();
    await page.keyboard.press("Escape");

    // The menu holds what the row has no room for, with its keys, and works.
    const more = diagram.toolbar.getByRole("button", { name: "More" });
    await more.click();
    const menu = page.getByRole("menu", { name: "More diagram tools" });
    await expect(menu.getByRole("menuitem", { name: /Open sub-diagram/ })).toBeDisabled();
    await expect(menu.getByRole("menuitem", { name: /Auto layout/ })).toBeEnabled();
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(more).toBeFocused();

    // Zoom to fit, from the menu, shows the whole diagram.
    await more.click();
    await menu.getByRole("menuitem", { name: /Zoom to fit/ }).click();
    await expect(diagram.element("Data store", "Orders database")).toBeInViewport();

    await diagram.element("Process", "Checkout service").click();
    await more.click();
    await menu.getByRole("menuitem", { name: /Open sub-diagram/ }).click();
    await expect(diagram.heading).toContainText("Checkout service");
  });

  test("the side panel scrolls on its own and folds away, leaving the canvas where it is", async ({
    alice,
    openSession,
  }) => {
    const { page, api } = await openSession(alice);
    const model = await createShop(page, api);
    const diagram = new DiagramPage(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(model.url);
    await diagram.element("Process", "Order service").click();

    const panel = page.getByRole("complementary", { name: "Selection properties" });
    await expect(panel).toBeVisible();
    const before = await boxOf(diagram.canvas);
    await panel.hover();
    await page.mouse.wheel(0, 2000);
    await expect
      .poll(() =>
        panel.evaluate((element) =>
          [element, ...element.querySelectorAll("*")].some((child) => child.scrollTop > 0),
        ),
      )
      .toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await boxOf(diagram.canvas)).toEqual(before);

    await page.getByRole("button", { name: "Hide panel" }).click();
    await expect(panel).toBeHidden();
    await expect
      .poll(async () => (await boxOf(diagram.canvas)).width)
      .toBeGreaterThan(before.width);
    await page.getByRole("button", { name: "Show panel" }).click();
    await expect(panel).toBeVisible();
  });
});
