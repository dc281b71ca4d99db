import { DiagramPage } from "./pages/diagram-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test("Enter after drawing a flow names the flow, and arrow-key nudges undo as one step", async ({
  alice,
  openSession,
}) => {
  const session = await openSession(alice);
  const model = await session.api.createModel(buildTitle("Keys"));
  const page = session.page;
  const diagram = new DiagramPage(page);
  await diagram.open(model.id);
  await diagram.paletteButton("External entity").click();
  await expect(diagram.element("External entity", "External entity")).toBeVisible();
  await diagram.renameSelected("Browser");
  await diagram.dragElement(diagram.element("External entity", "Browser"), { x: -260, y: 0 });
  await page.keyboard.press("p");
  await expect(diagram.element("Process", "Process")).toBeVisible();
  await diagram.renameSelected("Web app");

  await test.step("the new flow takes the focus: Enter renames it, not its source", async () => {
    await diagram.connect(
      diagram.element("External entity", "Browser"),
      diagram.element("Process", "Web app"),
    );
    await expect(diagram.flow("Unnamed")).toHaveCount(1);
    await page.keyboard.press("Enter");
    const field = diagram.canvas.getByRole("textbox", { name: "Name of the data flow" });
    await expect(field).toBeFocused();
    await field.fill("Sign-in");
    await field.press("Enter");
    await expect(diagram.flow("Sign-in")).toHaveCount(1);
    await expect(diagram.element("External entity", "Browser")).toBeVisible();
  });

  await test.step("three nudges in a row are one undo step", async () => {
    const node = diagram.element("Process", "Web app");
    await node.click();
    const before = await node.boundingBox();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    await expect
      .poll(async () => Math.round(((await node.boundingBox())?.y ?? 0) - (before?.y ?? 0)))
      .toBeGreaterThan(0);
    await diagram.undoButton.click();
    await expect
      .poll(async () => Math.round(((await node.boundingBox())?.y ?? 0) - (before?.y ?? 0)))
      .toBe(0);
    await expect(diagram.flow("Sign-in")).toHaveCount(1);
  });
});
