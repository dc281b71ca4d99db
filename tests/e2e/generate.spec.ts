import { WorkspacePage } from "./pages/workspace-page";
import { pushUpdatePastTheUi } from "./support/collab-probe";
import { buildDiagramUpdate } from "./support/diagram-factory";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test.describe("threat generation", () => {
  test("generates threats from the diagram for everyone in the room, once", async ({
    alice,
    bob,
    openSession,
  }) => {
    const owner = await openSession(alice);
    const viewer = await openSession(bob);
    const model = await owner.api.createSharedModel(buildTitle("Card checkout"), [
      { email: bob.user.email, role: "viewer" },
    ]);
    const ownerRoom = new WorkspacePage(owner.page);
    const viewerRoom = new WorkspacePage(viewer.page);
    await ownerRoom.open(model.id);
    await viewerRoom.open(model.id);

    await test.step("without diagram elements there is nothing to analyse", async () => {
      await ownerRoom.generateThreatsButton.click();
      await expect(
        owner.page.getByText("Draw the data-flow diagram first: there are no elements to analyse."),
      ).toBeVisible();
      await expect(ownerRoom.noThreats).toBeVisible();
      await expect(viewerRoom.generateThreatsButton).toBeHidden();
    });

    const entity = buildTitle("Card holder");
    await pushUpdatePastTheUi(owner.page, {
      modelId: model.id,
      update: buildDiagramUpdate({
        externalEntity: entity,
        process: "Payments API",
        dataStore: "Ledger",
      }),
    });

    await test.step("generation adds threats that the viewer sees live", async () => {
      await ownerRoom.generateThreatsButton.click();
      await expect(
        owner.page.getByText(/^Added \d+ threats; 0 already listed; 0 flagged for review$/),
      ).toBeVisible();
      const spoofing = `${entity} could be impersonated`;
      await expect(ownerRoom.threat(spoofing)).toBeVisible();
      await expect(viewerRoom.threat(spoofing)).toBeVisible();
    });

    await test.step("running it again adds nothing", async () => {
      const before = await viewerRoom.threatCount.textContent();
      await ownerRoom.generateThreatsButton.click();
      await expect(
        owner.page.getByText(/^Added 0 threats; [1-9]\d* already listed; 0 flagged for review$/),
      ).toBeVisible();
      await expect(viewerRoom.threatCount).toHaveText(before ?? "");
    });
  });
});
