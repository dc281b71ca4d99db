import { DiagramPage } from "./pages/diagram-page";
import { WorkspacePage } from "./pages/workspace-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test("threats raised by hand belong to an element, a flow or the model, and orphans are re-attached", async ({
  alice,
  openSession,
}) => {
  const session = await openSession(alice);
  const model = await session.api.createModel(buildTitle("Targets"));
  const page = session.page;
  const diagram = new DiagramPage(page);
  await diagram.open(model.id);
  await diagram.dropFromPalette("Data store", { x: 260, y: 180 });
  await diagram.element("Data store", "Data store").click();
  await diagram.renameSelected("Orders DB");

  await test.step("the selection's panel raises a threat on the selected element", async () => {
    await diagram.element("Data store", "Orders DB").click();
    const quick = page.getByRole("form", { name: "Add a threat to this element" });
    await quick.getByRole("textbox", { name: "New threat" }).fill("Orders altered at rest");
    await quick
      .getByRole("combobox", { name: "STRIDE category" })
      .selectOption({ label: "Tampering" });
    await quick.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("main")).toContainText("Orders altered at rest");
  });

  const workspace = new WorkspacePage(page);
  await page.getByRole("tab", { name: "Threats" }).click();
  const addForm = page.getByRole("form", { name: "Add a threat" });
  const appliesTo = addForm.getByRole("combobox", { name: "Applies to" });

  await test.step("the add form picks the target, the model by default", async () => {
    await expect(workspace.threat("Orders altered at rest")).toContainText("Orders DB");
    await expect(appliesTo).toHaveValue("");
    await workspace.newThreatTitle.fill("Search input reaches the query");
    await workspace.newThreatCategory.selectOption({ label: "Tampering" });
    await appliesTo.selectOption({ label: "Orders DB" });
    await workspace.addThreatButton.click();
    await expect(workspace.threat("Search input reaches the query")).toContainText("Orders DB");
    // The form keeps the last target for the next threat; this one is about the whole model.
    await expect(appliesTo).toHaveValue(/.+/);
    await appliesTo.selectOption({ label: "The model as a whole" });
    await workspace.addThreat("No audit of admin actions", "Repudiation");
    await expect(workspace.threat("No audit of admin actions")).toContainText("Whole model");
  });

  await test.step("deleting the element leaves an orphan that its details re-attach", async () => {
    await page.getByRole("tab", { name: "Diagram" }).click();
    await diagram.element("Data store", "Orders DB").click();
    await page.keyboard.press("Delete");
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(diagram.element("Data store", "Orders DB")).toHaveCount(0);
    await page.getByRole("tab", { name: "Threats" }).click();
    await expect(workspace.threat("Orders altered at rest")).toContainText("Target deleted");
    const details = await workspace.openDetails("Orders altered at rest");
    const picker = details.dialog.getByRole("combobox", { name: "Applies to" });
    await expect(picker).toHaveValue("missing");
    await expect(details.dialog).toContainText("was deleted: attach it");
    await picker.selectOption({ label: "The model as a whole" });
    await details.close();
    await expect(workspace.threat("Orders altered at rest")).not.toContainText("Target deleted");
  });
});

test("accepting without pressing Record keeps the choice; details list mitigations; bulk edits review, respond and delete with undo", async ({
  alice,
  openSession,
}) => {
  const session = await openSession(alice);
  const model = await session.api.createModel(buildTitle("Workflow"));
  const page = session.page;
  const workspace = new WorkspacePage(page);
  await workspace.open(model.id);
  const titles = ["Replay of the reset link", "Guessable order ids", "Logs keep card numbers"];
  for (const title of titles) await workspace.addThreat(title, "Spoofing");

  await test.step("Accept, then Done, records the acceptance with the approver shown", async () => {
    const details = await workspace.openDetails(titles[0] ?? "");
    await details.response.selectOption({ label: "Accept" });
    await expect(details.recordAcceptanceButton).toBeVisible();
    await details.close();
    const again = await workspace.openDetails(titles[0] ?? "");
    await expect(again.response).toHaveValue("accept");
    await expect(again.approvedBy).toBeVisible();
    await expect(again.recordAcceptanceButton).toHaveCount(0);
    await again.close();
  });

  await test.step("the details list the mitigations that address the threat", async () => {
    const threats = (await (await page.request.get(`/api/models/${model.id}/threats`)).json()) as {
      threats: { id: string; title: string }[];
    };
    const target = threats.threats.find((threat) => threat.title === titles[1]);
    const created = await page.request.post(`/api/models/${model.id}/mitigations`, {
      data: { title: "Random order ids", threatIds: [target?.id] },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(created.status()).toBe(201);
    const details = await workspace.openDetails(titles[1] ?? "");
    const list = details.dialog.getByRole("region", { name: "Mitigations" });
    await expect(list).toContainText("Random order ids");
    await expect(list).toContainText("Proposed");
    await details.close();
  });

  await test.step("bulk: response and reviewed for two threats, then delete and undo", async () => {
    await workspace.selectCheckboxOf(titles[1] ?? "").check();
    await workspace.selectCheckboxOf(titles[2] ?? "").check();
    await workspace.bulkEdit
      .getByRole("combobox", { name: "Set response of the selected threats" })
      .selectOption({ label: "Reduce" });
    await expect(page.getByText("Response set to Reduce for 2 threats.")).toBeVisible();
    await workspace.bulkEdit.getByRole("button", { name: "Mark reviewed" }).click();
    await expect(page.getByText("Marked reviewed for 2 threats.")).toBeVisible();
    const details = await workspace.openDetails(titles[2] ?? "");
    await expect(details.response).toHaveValue("reduce");
    await details.close();

    await workspace.bulkEdit.getByRole("button", { name: "Delete…" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete 2 threats?" });
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(workspace.threat(titles[1] ?? "")).toHaveCount(0);
    await expect(workspace.threat(titles[2] ?? "")).toHaveCount(0);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(workspace.threat(titles[1] ?? "")).toBeVisible();
    await expect(workspace.threat(titles[2] ?? "")).toBeVisible();
    const restored = await workspace.openDetails(titles[1] ?? "");
    await expect(restored.dialog.getByRole("region", { name: "Mitigations" })).toContainText(
      "Random order ids",
    );
    await restored.close();
  });
});
