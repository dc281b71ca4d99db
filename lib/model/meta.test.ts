import { describe, expect, it } from "vitest";
import { LIMITS } from "../limits";
import * as Y from "yjs";
import {
  clearRuleSetChoices,
  getDreadScale,
  getMeta,
  getRuleSetChoices,
  setRuleSetChoice,
  getTitle,
  observeMeta,
  setDreadScale,
  setFocus,
  setReviewer,
  setTitle,
} from "./meta";
import type { Meta } from "./meta";
import { getMetaMap } from "./roots";
import {
  buildModelDoc,
  cloneDoc,
  expectAppError,
  receivedFromPeer,
  syncDocs,
} from "./test-helpers";

describe("title", () => {
  it("trims and stores a valid title", () => {
    const { doc } = buildModelDoc({ title: "Payments" });
    expect(getTitle(doc)).toBe("Payments");
    setTitle(doc, "  Payments API  ");
    expect(getTitle(doc)).toBe("Payments API");
  });

  it("refuses empty and too long titles", () => {
    const { doc } = buildModelDoc({ title: "Payments" });
    expectAppError(() => setTitle(doc, "   "), "bad_request");
    expectAppError(() => setTitle(doc, "x".repeat(LIMITS.modelTitleLength + 1)), "bad_request");
    setTitle(doc, "x".repeat(LIMITS.modelTitleLength));
    expect(getTitle(doc)).toHaveLength(LIMITS.modelTitleLength);
  });

  it("reads a malformed title written by a peer as empty", () => {
    const { doc } = buildModelDoc();
    getMetaMap(doc).set("title", 42);
    expect(getTitle(doc)).toBe("");
  });
});

describe("getMeta and observeMeta", () => {
  it("returns typed fields and reports changes until unsubscribed", () => {
    const { doc } = buildModelDoc({ title: "Payments", ownerId: "owner-1" });
    const seen: Meta[] = [];
    const unsubscribe = observeMeta(doc, (meta) => seen.push(meta));
    setFocus(doc, "attacker");
    setReviewer(doc, "reviewer-1", true);
    unsubscribe();
    setTitle(doc, "Ignored by the observer");

    expect(seen.map((meta) => [meta.focus, meta.reviewers])).toEqual([
      ["attacker", []],
      ["attacker", ["reviewer-1"]],
    ]);
    expect(getMeta(doc)).toEqual({
      schemaVersion: 2,
      title: "Ignored by the observer",
      description: "",
      owner: "owner-1",
      reviewers: ["reviewer-1"],
      focus: "attacker",
      createdAt: 1_700_000_000_000,
    });
    expectAppError(() => setFocus(doc, receivedFromPeer("everything")), "bad_request");
  });

  it("keeps reviewers added concurrently", () => {
    const { doc: alice } = buildModelDoc();
    const bob = cloneDoc(alice);
    setReviewer(alice, "reviewer-a", true);
    setReviewer(bob, "reviewer-b", true);
    syncDocs(alice, bob);
    expect(getMeta(bob).reviewers).toEqual(["reviewer-a", "reviewer-b"]);
    setReviewer(bob, "reviewer-a", false);
    expect(getMeta(bob).reviewers).toEqual(["reviewer-b"]);
  });
});

describe("DREAD scale", () => {
  it("starts on 1-3 and switches to 0-10 for everyone", () => {
    const { doc } = buildModelDoc();
    const peer = cloneDoc(doc);
    expect(getDreadScale(doc)).toBe("1-3");
    setDreadScale(doc, "0-10");
    syncDocs(doc, peer);
    expect(getDreadScale(peer)).toBe("0-10");
    expectAppError(() => setDreadScale(doc, receivedFromPeer("1-5")), "bad_request");
    expect(getDreadScale(doc)).toBe("0-10");
  });

  it("reads 1-3 for a document without the field or with a malformed one", () => {
    const { doc } = buildModelDoc();
    getMetaMap(doc).delete("dreadScale");
    expect(getDreadScale(doc)).toBe("1-3");
    getMetaMap(doc).set("dreadScale", 10);
    expect(getDreadScale(doc)).toBe("1-3");
  });

  it("writes nothing when the scale does not change", () => {
    const { doc } = buildModelDoc();
    let updates = 0;
    doc.on("update", () => (updates += 1));
    setDreadScale(doc, "1-3");
    expect(updates).toBe(0);
    setDreadScale(doc, "0-10");
    expect(updates).toBe(1);
  });
});

describe("rule set choices", () => {
  it("starts with no choice, and records each set turned on or off", () => {
    const { doc } = buildModelDoc();
    expect([...getRuleSetChoices(doc)]).toEqual([]);
    setRuleSetChoice(doc, "stride-per-element", false);
    setRuleSetChoice(doc, "tmt:cc62ebae", true);
    expect([...getRuleSetChoices(doc)]).toEqual([
      ["stride-per-element", false],
      ["tmt:cc62ebae", true],
    ]);
    clearRuleSetChoices(doc);
    expect([...getRuleSetChoices(doc)]).toEqual([]);
  });

  it("refuses an invalid rule set id", () => {
    const { doc } = buildModelDoc();
    expectAppError(() => setRuleSetChoice(doc, "no spaces|pipes", true), "bad_request");
    expectAppError(() => setRuleSetChoice(doc, "", true), "bad_request");
  });

  it("keeps two people's choices about two sets made at the same moment", () => {
    const { doc } = buildModelDoc();
    const other = cloneDoc(doc);
    setRuleSetChoice(doc, "stride-per-element", false);
    setRuleSetChoice(other, "org-set", true);
    syncDocs(doc, other);
    expect([...getRuleSetChoices(doc)]).toEqual([
      ["org-set", true],
      ["stride-per-element", false],
    ]);
    expect([...getRuleSetChoices(other)]).toEqual([...getRuleSetChoices(doc)]);
  });

  it("repairs bad data on read: a non-map reads as no choice, bad entries are left out", () => {
    const { doc } = buildModelDoc();
    getMetaMap(doc).set("ruleSets", receivedFromPeer("everything"));
    expect([...getRuleSetChoices(doc)]).toEqual([]);
    setRuleSetChoice(doc, "kept", true);
    expect([...getRuleSetChoices(doc)]).toEqual([["kept", true]]);

    const stored = getMetaMap(doc).get("ruleSets");
    expect(stored).toBeInstanceOf(Y.Map);
    if (stored instanceof Y.Map) {
      stored.set("bad id!", true);
      stored.set("not-a-boolean", receivedFromPeer("yes"));
    }
    expect([...getRuleSetChoices(doc)]).toEqual([["kept", true]]);
  });

  it("tells observers when a choice changes", () => {
    const { doc } = buildModelDoc();
    let calls = 0;
    const stop = observeMeta(doc, () => (calls += 1));
    setRuleSetChoice(doc, "stride-per-element", false);
    setRuleSetChoice(doc, "stride-per-element", false);
    stop();
    expect(calls).toBe(1);
  });
});
