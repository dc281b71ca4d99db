import { DiagramPage } from "./pages/diagram-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test("the model's background is edited live on the Context tab; a viewer reads it", async ({
  alice,
  bob,
  openSession,
}) => {
  const aliceSession = await openSession(alice);
  const bobSession = await openSession(bob);
  const model = await aliceSession.api.createSharedModel(buildTitle("Context"), [
    { email: bob.user.email, role: "viewer" },
  ]);
  const atAlice = new DiagramPage(aliceSession.page);
  await atAlice.open(model.id);
  await atAlice.dropFromPalette("Data store", { x: 260, y: 180 });
  await atAlice.element("Data store", "Data store").click();
  await atAlice.renameSelected("Orders DB");
  await expect(atAlice.element("Data store", "Orders DB")).toBeVisible();

  const alicePage = aliceSession.page;
  const bobPage = bobSession.page;
  await alicePage.getByRole("tab", { name: "Context" }).click();
  await bobPage.goto(`/models/${model.id}?tab=context`);
  const aliceAssets = alicePage.getByRole("region", { name: "Assets" });
  const bobAssets = bobPage.getByRole("region", { name: "Assets" });

  await test.step("Alice writes the scope and an asset linked to the store; Bob sees both", async () => {
    const scope = alicePage.getByLabel("The model's description and scope");
    await scope.fill("The checkout service and its database; payments are out of scope.");
    await scope.blur();
    await expect(bobPage.getByRole("region", { name: "Description and scope" })).toContainText(
      "payments are out of scope",
    );
    await aliceAssets.getByLabel("Add to Assets").fill("Card numbers");
    await aliceAssets.getByRole("button", { name: "Add" }).click();
    await aliceAssets
      .getByLabel("Link “Card numbers” to an element or flow")
      .selectOption({ label: "Orders DB" });
    await expect(bobAssets).toContainText("Card numbers");
    await expect(bobAssets).toContainText("Orders DB");
  });

  await test.step("items are reordered and an assumption is checked, live", async () => {
    const scenarios = alicePage.getByRole("region", { name: "Use-case scenarios" });
    for (const text of ["A buyer pays", "A clerk refunds"]) {
      await scenarios.getByLabel("Add to Use-case scenarios").fill(text);
      await scenarios.getByRole("button", { name: "Add" }).click();
    }
    await scenarios.getByRole("button", { name: "Move “A buyer pays” down" }).click();
    const bobScenarios = bobPage.getByRole("region", { name: "Use-case scenarios" });
    await expect(bobScenarios.getByRole("listitem")).toHaveText([
      "A clerk refunds",
      "A buyer pays",
    ]);
    const assumptions = alicePage.getByRole("region", { name: "Assumptions" });
    await assumptions.getByLabel("Add to Assumptions").fill("TLS ends at the balancer");
    await assumptions.getByRole("button", { name: "Add" }).click();
    await assumptions
      .getByLabel("Is “TLS ends at the balancer” checked?")
      .selectOption({ label: "Checked: holds" });
    await expect(bobPage.getByRole("region", { name: "Assumptions" })).toContainText(
      "Checked: holds",
    );
  });

  await test.step("the viewer has nothing to edit", async () => {
    await expect(bobPage.getByLabel("Add to Assets")).toHaveCount(0);
    await expect(bobPage.getByRole("button", { name: /Move “/ })).toHaveCount(0);
    await expect(bobPage.getByLabel("The model's description and scope")).toHaveCount(0);
  });
});
