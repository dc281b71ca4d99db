import * as Y from "yjs";
import { addDiagram, addElement, addFlow, addThreat } from "@/lib/model";
import { DiagramPage } from "./pages/diagram-page";
import { WorkspacePage } from "./pages/workspace-page";
import { pushUpdatePastTheUi } from "./support/collab-probe";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

/** Browser -> Shop API -> Orders; two threats on the Shop API, one on the Orders store. */
function buildShopUpdate(authorId: string): Uint8Array {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Shop", layer: 0 });
  const browser = addElement(doc, { kind: "external-entity", diagramId, name: "Browser" });
  const shop = addElement(doc, { kind: "process", diagramId, name: "Shop API", x: 320 });
  const orders = addElement(doc, { kind: "data-store", diagramId, name: "Orders", x: 640 });
  addFlow(doc, { sourceId: browser, targetId: shop, name: "Order" });
  addFlow(doc, { sourceId: shop, targetId: orders, name: "Save order" });
  addThreat(doc, { title: "Session hijack", category: "spoofing", targetId: shop }, authorId);
  addThreat(doc, { title: "Price tampering", category: "tampering", targetId: shop }, authorId);
  addThreat(
    doc,
    { title: "Order rows leak", category: "information-disclosure", targetId: orders },
    authorId,
  );
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

test.describe("threats on the diagram", () => {
  test("badges, and links between a threat and its element both ways", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const { page } = session;
    const model = await session.api.createModel(buildTitle("Shop threats"));
    const diagram = new DiagramPage(page);
    const workspace = new WorkspacePage(page);
    await diagram.open(model.id);
    await pushUpdatePastTheUi(page, { modelId: model.id, update: buildShopUpdate(alice.user.id) });
    await diagram.main.getByRole("combobox", { name: "Diagram" }).selectOption("Shop");
    const shop = diagram.element("Process", "Shop API");
    const orders = diagram.element("Data store", "Orders");
    const properties = diagram.main.getByRole("complementary", { name: "Selection properties" });

    await test.step("each element shows its open threats as a badge", async () => {
      await expect(shop.getByRole("img", { name: "2 open threats" })).toBeVisible();
      await expect(orders.getByRole("img", { name: "1 open threat" })).toBeVisible();
      await expect(diagram.element("External entity", "Browser").getByRole("img")).toHaveCount(0);
    });

    await test.step("selecting an element lists its threats, and links to the list", async () => {
      await shop.click();
      const threats = properties.getByRole("region", { name: "Threats" });
      await expect(threats.getByRole("listitem")).toHaveText([/Price tampering/, /Session hijack/]);
      await threats.getByRole("button", { name: "Show in threat list" }).click();
      await expect(workspace.main.getByRole("tab", { name: "Threats" })).toHaveAttribute(
        "aria-selected",
        "true",
      );
      await expect(workspace.filterBy("element or flow")).toHaveValue(/.+/);
      await expect(workspace.threatCount).toHaveText("2 of 3 threats shown");
      await expect(workspace.threats.getByText("Order rows leak")).toHaveCount(0);
    });

    await test.step("a threat's link opens the diagram with its element selected", async () => {
      await workspace.filterBy("element or flow").selectOption({ label: "All elements and flows" });
      await expect(workspace.threatCount).toHaveText("3 threats");
      await workspace.main.getByRole("button", { name: "Show Orders on the diagram" }).click();
      await expect(diagram.diagramTab).toHaveAttribute("aria-selected", "true");
      await expect(orders).toHaveClass(/selected/);
      await expect(
        properties.getByRole("region", { name: "Threats" }).getByRole("listitem"),
      ).toHaveText([/Order rows leak/]);
    });

    await test.step("a mitigated threat leaves the badge", async () => {
      await workspace.main.getByRole("tab", { name: "Threats" }).click();
      await expect(workspace.threatCount).toHaveText("3 threats");
      await workspace.setStatus("Order rows leak", "Mitigated");
      await diagram.diagramTab.click();
      await expect(orders).toBeVisible();
      await expect(orders.getByRole("img", { name: /open threat/ })).toHaveCount(0);
    });

    await test.step("generates threats for one element only", async () => {
      await orders.click();
      await properties.getByRole("button", { name: "Generate threats for this element" }).click();
      await expect(page.getByText(/^Added \d+ threats?;/)).toBeVisible();
      await expect(orders.getByRole("img", { name: /open threats?$/ })).toBeVisible();
      await expect(diagram.element("External entity", "Browser").getByRole("img")).toHaveCount(0);
    });
  });

  test("filters the threat list by diagram", async ({ alice, openSession }) => {
    const session = await openSession(alice);
    const model = await session.api.createModel(buildTitle("Shop filters"));
    const workspace = new WorkspacePage(session.page);
    await workspace.open(model.id);
    await pushUpdatePastTheUi(session.page, {
      modelId: model.id,
      update: buildShopUpdate(alice.user.id),
    });
    await expect(workspace.threatCount).toHaveText("3 threats");
    await workspace.filterBy("diagram").selectOption({ label: "Shop" });
    await expect(workspace.threatCount).toHaveText("3 of 3 threats shown");
    await workspace.filterBy("element or flow").selectOption({ label: "Orders" });
    await expect(workspace.threatCount).toHaveText("1 of 3 threats shown");
    await workspace.groupBy.selectOption({ label: "Element or data flow" });
    await expect(workspace.threatGroup("Orders")).toBeVisible();
  });
});
