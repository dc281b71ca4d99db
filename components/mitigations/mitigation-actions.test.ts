import { describe, expect, it } from "vitest";
import { addThreat, deleteThreat } from "@/lib/model/threats";
import { buildModelDoc, cloneDoc, syncDocs } from "@/lib/model/test-helpers";
import { createMitigationActions } from "./mitigation-actions";

describe("createMitigationActions", () => {
  it("adds, links, unlinks, updates and deletes through the model accessors", () => {
    const { doc } = buildModelDoc();
    const threatId = addThreat(doc, { title: "Replay", category: "spoofing" }, "u1");
    const actions = createMitigationActions(doc, "u2");

    const id = actions.add({ title: "Sign tokens", controlType: "technical" });
    expect(actions.get(id)).toMatchObject({ title: "Sign tokens", author: "u2", threatIds: [] });
    actions.link(id, threatId);
    expect(actions.get(id)?.threatIds).toEqual([threatId]);
    actions.update(id, { status: "implemented", cost: "low" });
    expect(actions.get(id)).toMatchObject({ status: "implemented", cost: "low" });
    actions.unlink(id, threatId);
    expect(actions.get(id)?.threatIds).toEqual([]);
    actions.remove(id);
    expect(actions.get(id)).toBeNull();
  });

  it("unlinks a link whose threat someone else deleted at the same moment", () => {
    const { doc: alice } = buildModelDoc();
    const threatId = addThreat(alice, { title: "Replay", category: "spoofing" }, "u1");
    const mitigationId = createMitigationActions(alice, "u1").add({ title: "Sign tokens" });
    const bob = cloneDoc(alice);

    deleteThreat(alice, threatId);
    createMitigationActions(bob, "u2").link(mitigationId, threatId);
    syncDocs(alice, bob);

    const actions = createMitigationActions(alice, "u1");
    expect(actions.get(mitigationId)?.threatIds).toEqual([threatId]);
    actions.unlink(mitigationId, threatId);
    expect(actions.get(mitigationId)?.threatIds).toEqual([]);
  });

  it("turns refused writes into readable errors", () => {
    const { doc } = buildModelDoc();
    const actions = createMitigationActions(doc, "u2");
    expect(() => actions.add({ title: "  " })).toThrow(/^Invalid mitigation: /);
    expect(() => actions.link("missing", "also-missing")).toThrow(/threat/i);
    expect(() => actions.update("missing", { status: "implemented" })).toThrow(
      "No mitigation with id missing",
    );
  });
});
