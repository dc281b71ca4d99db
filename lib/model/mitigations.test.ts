import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addMitigation,
  deleteMitigation,
  getMitigation,
  linkThreat,
  listMitigationsForThreat,
  unlinkThreat,
  updateMitigation,
} from "./mitigations";
import { getMitigationsMap } from "./roots";
import {
  buildModelDoc,
  cloneDoc,
  expectAppError,
  receivedFromPeer,
  syncDocs,
} from "./test-helpers";
import { addThreat } from "./threats";

function buildThreats() {
  const { doc } = buildModelDoc();
  const replay = addThreat(doc, { title: "Replay", category: "spoofing" }, "u1");
  const leak = addThreat(doc, { title: "Leak", category: "information-disclosure" }, "u1");
  const flood = addThreat(doc, { title: "Flood", category: "denial-of-service" }, "u1");
  return { doc, replay, leak, flood };
}

describe("addMitigation", () => {
  it("stores control type, function and linked threats", () => {
    const { doc, replay, leak } = buildThreats();
    const id = addMitigation(
      doc,
      {
        title: "TLS everywhere",
        controlType: "technical",
        controlFunction: "preventive",
        threatIds: [leak, replay, leak],
      },
      "u2",
    );
    expect(getMitigation(doc, id)).toMatchObject({
      title: "TLS everywhere",
      controlType: "technical",
      controlFunction: "preventive",
      status: "proposed",
      cost: null,
      threatIds: [leak, replay].sort(),
      author: "u2",
    });
    // Links are a nested Y.Map threatId -> true.
    const entry = getMitigationsMap(doc).get(id);
    expect(entry instanceof Y.Map && entry.get("threatIds")).toBeInstanceOf(Y.Map);
    expect(listMitigationsForThreat(doc, replay).map((m) => m.id)).toEqual([id]);
  });

  it("refuses unknown threats and invalid values", () => {
    const { doc } = buildThreats();
    expectAppError(
      () => addMitigation(doc, { title: "X", threatIds: ["ghost"] }, "u1"),
      "bad_request",
    );
    expectAppError(
      () =>
        addMitigation(doc, receivedFromPeer({ title: "X", controlFunction: "offensive" }), "u1"),
      "bad_request",
    );
    expectAppError(() => addMitigation(doc, { title: "" }, "u1"), "bad_request");
    expect(getMitigationsMap(doc).size).toBe(0);
  });
});

describe("linking threats", () => {
  it("keeps links made concurrently by two people", () => {
    const { doc: alice, replay, leak, flood } = buildThreats();
    const id = addMitigation(alice, { title: "Rate limit and sign", threatIds: [flood] }, "u1");
    const bob = cloneDoc(alice);

    expect(linkThreat(alice, id, replay)).toBe(true);
    expect(linkThreat(bob, id, leak)).toBe(true);
    updateMitigation(bob, id, { status: "in-progress" });
    syncDocs(alice, bob);

    for (const doc of [alice, bob]) {
      expect(getMitigation(doc, id)).toMatchObject({
        threatIds: [flood, leak, replay].sort(),
        status: "in-progress",
      });
    }
  });

  it("writes only the difference when threatIds is patched", () => {
    const { doc: alice, replay, leak, flood } = buildThreats();
    const id = addMitigation(alice, { title: "M", threatIds: [replay] }, "u1");
    const bob = cloneDoc(alice);

    updateMitigation(alice, id, { threatIds: [replay, leak] });
    linkThreat(bob, id, flood);
    syncDocs(alice, bob);
    expect(getMitigation(alice, id)?.threatIds).toEqual([flood, leak, replay].sort());

    expect(updateMitigation(alice, id, { threatIds: [leak, replay, flood] })).toBe(false);
  });

  it("unlinks and refuses unknown ids", () => {
    const { doc, replay } = buildThreats();
    const id = addMitigation(doc, { title: "M", threatIds: [replay] }, "u1");
    expect(unlinkThreat(doc, id, replay)).toBe(true);
    expect(unlinkThreat(doc, id, replay)).toBe(false);
    expect(getMitigation(doc, id)?.threatIds).toEqual([]);
    expectAppError(() => linkThreat(doc, id, "ghost"), "bad_request");
    expectAppError(() => linkThreat(doc, "ghost", replay), "not_found");
    expect(deleteMitigation(doc, id)).toBe(true);
    expect(getMitigation(doc, id)).toBeNull();
  });
});
