import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { addElement } from "./elements";
import { getDreadScale, setDreadScale } from "./meta";
import { addMitigation, getMitigation } from "./mitigations";
import { getMitigationsMap, getThreatsMap } from "./roots";
import {
  buildModelDoc,
  cloneDoc,
  expectAppError,
  receivedFromPeer,
  syncDocs,
} from "./test-helpers";
import {
  STRIDE_CATEGORIES,
  STRIDE_CATEGORY_CODES,
  addThreat,
  changeDreadScale,
  countRatedThreats,
  deleteThreat,
  deleteThreats,
  deleteThreatsWithUndo,
  getCategoryByCode,
  getThreat,
  getThreatRisk,
  listThreats,
  observeThreats,
  updateThreat,
  updateThreats,
} from "./threats";

function getEntryMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const entry = getThreatsMap(doc).get(id);
  if (!(entry instanceof Y.Map)) throw new Error("expected a map");
  return entry;
}

const UNRATED = {
  damage: null,
  reproducibility: null,
  exploitability: null,
  affectedUsers: null,
  discoverability: null,
};

afterEach(() => {
  vi.useRealTimers();
});

describe("STRIDE categories", () => {
  it("maps every category to its letter and back", () => {
    expect(STRIDE_CATEGORIES.map((category) => STRIDE_CATEGORY_CODES[category]).join("")).toBe(
      "STRIDE",
    );
    for (const category of STRIDE_CATEGORIES) {
      expect(getCategoryByCode(STRIDE_CATEGORY_CODES[category].toLowerCase())).toBe(category);
    }
    expect(getCategoryByCode("X")).toBeNull();
  });
});

describe("addThreat", () => {
  it("stores a threat with defaults and returns its id", () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_750_000_000_000);
    const { doc } = buildModelDoc();
    const id = addThreat(doc, { title: "  Replayed session cookie  ", category: "spoofing" }, "u1");

    expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(getThreat(doc, id)).toEqual({
      id,
      title: "Replayed session cookie",
      description: "",
      category: "spoofing",
      status: "open",
      targetId: null,
      asset: "",
      impact: "",
      severity: null,
      response: null,
      acceptedBy: null,
      acceptedAt: null,
      bugUrl: null,
      needsReview: false,
      reviewReason: "",
      dread: UNRATED,
      origin: { kind: "manual" },
      author: "u1",
      createdAt: 1_750_000_000_000,
      updatedAt: 1_750_000_000_000,
    });
    // Each threat is a nested Y.Map keyed by its id, not an array position; so are its ratings.
    expect(getThreatsMap(doc).get(id)).toBeInstanceOf(Y.Map);
    expect(getEntryMap(doc, id).get("dread")).toBeInstanceOf(Y.Map);
  });

  it("stores a threat under the id the caller derived, and refuses an id already taken", () => {
    const { doc } = buildModelDoc();
    const id = addThreat(doc, { id: "gen-abc123", title: "T", category: "tampering" }, "u1");
    expect(id).toBe("gen-abc123");
    expect(getThreat(doc, id)?.title).toBe("T");
    const error = expectAppError(
      () => addThreat(doc, { id, title: "Again", category: "tampering" }, "u1"),
      "conflict",
    );
    expect(error.message).toContain(id);
    expectAppError(
      () => addThreat(doc, { id: "", title: "T", category: "tampering" }, "u1"),
      "bad_request",
    );
    expectAppError(
      () => addThreat(doc, { id: "x".repeat(65), title: "T", category: "tampering" }, "u1"),
      "bad_request",
    );
    expect(listThreats(doc).map((threat) => threat.title)).toEqual(["T"]);
  });

  it("records ratings, response and review fields given on creation", () => {
    vi.useFakeTimers();
    vi.setSystemTime(5000);
    const { doc } = buildModelDoc();
    const id = addThreat(
      doc,
      {
        title: "T",
        category: "tampering",
        dread: { damage: 3, exploitability: 2 },
        response: "accept",
        acceptedBy: "risk-owner",
        bugUrl: "https://bugs.example.com/1",
        needsReview: true,
        reviewReason: "Check with the payments team",
      },
      "u1",
    );
    expect(getThreat(doc, id)).toMatchObject({
      dread: { ...UNRATED, damage: 3, exploitability: 2 },
      response: "accept",
      acceptedBy: "risk-owner",
      acceptedAt: 5000,
      bugUrl: "https://bugs.example.com/1",
      needsReview: true,
      reviewReason: "Check with the payments team",
    });
    expectAppError(
      () => addThreat(doc, { title: "T", category: "tampering", response: "accept" }, "u1"),
      "bad_request",
    );
    expectAppError(
      () => addThreat(doc, { title: "T", category: "tampering", dread: { damage: 4 } }, "u1"),
      "bad_request",
    );
  });

  it("refuses invalid input with bad_request and writes nothing", () => {
    const { doc } = buildModelDoc();
    const cases: unknown[] = [
      { title: "", category: "spoofing" },
      { title: "   ", category: "spoofing" },
      { title: "x".repeat(301), category: "spoofing" },
      { title: "Ok", category: "S" },
      { title: "Ok", category: "spoofing", status: "Open" },
      { title: "Ok", category: "spoofing", bugUrl: "javascript:alert(1)" },
      { title: "Ok", category: "spoofing", unknownField: 1 },
      { title: "Ok", category: "spoofing", origin: { kind: "rule" } },
      { title: "Ok", category: "spoofing", bugUrl: "ftp://bugs.example.com/1" },
      { title: "Ok", category: "spoofing", dread: { damage: 1.5 } },
      { title: "Ok", category: "spoofing", dread: { likelihood: 2 } },
      { title: "Ok", category: "spoofing", needsReview: "yes" },
      { title: "Ok", category: "spoofing", response: "accept" },
      { title: "Ok", category: "spoofing", response: "reduce", acceptedBy: "u2" },
    ];
    for (const input of cases) {
      const error = expectAppError(
        () => addThreat(doc, receivedFromPeer(input), "u1"),
        "bad_request",
      );
      expect(error.issues?.length).toBeGreaterThan(0);
    }
    expectAppError(() => addThreat(doc, { title: "Ok", category: "spoofing" }, ""), "bad_request");
    expect(getThreatsMap(doc).size).toBe(0);
  });

  it("refuses a target that is neither an element nor a flow", () => {
    const { doc, diagramId } = buildModelDoc();
    const error = expectAppError(
      () => addThreat(doc, { title: "T", category: "tampering", targetId: "nope" }, "u1"),
      "bad_request",
    );
    expect(error.issues?.[0]?.path).toBe("targetId");
    const elementId = addElement(doc, { kind: "process", diagramId });
    const id = addThreat(doc, { title: "T", category: "tampering", targetId: elementId }, "u1");
    expect(getThreat(doc, id)?.targetId).toBe(elementId);
  });
});

describe("listThreats", () => {
  it("sorts by createdAt, then id", () => {
    vi.useFakeTimers();
    const { doc } = buildModelDoc();
    vi.setSystemTime(3000);
    const late = addThreat(doc, { title: "Late", category: "tampering" }, "u1");
    vi.setSystemTime(1000);
    const early = addThreat(doc, { title: "Early", category: "tampering" }, "u1");
    const sameTime = addThreat(doc, { title: "Same", category: "tampering" }, "u1");

    const ids = listThreats(doc).map((threat) => threat.id);
    expect(ids).toEqual([...[early, sameTime].sort(), late]);
  });

  it("reads a malformed field as its default and omits an entry that is not a map", () => {
    const { doc } = buildModelDoc();
    const id = addThreat(doc, { title: "Good", category: "repudiation" }, "u1");
    const badId = addThreat(doc, { title: "Bad fields", category: "repudiation" }, "u1");
    const entry = getThreatsMap(doc).get(badId);
    if (!(entry instanceof Y.Map)) throw new Error("expected a map");
    entry.set("status", "Open");
    entry.set("category", 42);
    getThreatsMap(doc).set("garbage", "not a map");

    const threats = listThreats(doc);
    expect(threats.map((threat) => threat.id).sort()).toEqual([id, badId].sort());
    const repaired = getThreat(doc, badId);
    expect(repaired?.title).toBe("Bad fields");
    expect(repaired?.status).toBe("open");
    expect(repaired?.category).toBe("spoofing");
    expect(getThreat(doc, "garbage")).toBeNull();
  });
});

describe("threats stored before ratings, responses and review existed", () => {
  it("read the new fields as their defaults, and take a first rating", () => {
    const { doc } = buildModelDoc();
    const entry = new Y.Map<unknown>();
    getThreatsMap(doc).set("old-threat", entry);
    for (const [key, value] of Object.entries({
      title: "Stored by an older client",
      description: "",
      category: "tampering",
      status: "open",
      targetId: null,
      asset: "",
      impact: "",
      severity: "low",
      response: "reduce",
      bugUrl: null,
      origin: { kind: "manual" },
      author: "u1",
      createdAt: 10,
      updatedAt: 10,
    })) {
      entry.set(key, value);
    }
    expect(getThreat(doc, "old-threat")).toMatchObject({
      severity: "low",
      response: "reduce",
      acceptedBy: null,
      acceptedAt: null,
      needsReview: false,
      reviewReason: "",
      dread: UNRATED,
    });

    expect(updateThreat(doc, "old-threat", { dread: { damage: 2 } })).toBe(true);
    expect(getThreat(doc, "old-threat")?.dread).toEqual({ ...UNRATED, damage: 2 });
    expect(entry.get("dread")).toBeInstanceOf(Y.Map);
  });

  it("convert ratings stored as a plain object into a map on the next rating", () => {
    const { doc } = buildModelDoc();
    const id = addThreat(doc, { title: "T", category: "tampering" }, "u1");
    getEntryMap(doc, id).set("dread", { damage: 3, reproducibility: 1 });
    expect(getThreat(doc, id)?.dread).toEqual({ ...UNRATED, damage: 3, reproducibility: 1 });
    updateThreat(doc, id, { dread: { exploitability: 2 } });
    expect(getEntryMap(doc, id).get("dread")).toBeInstanceOf(Y.Map);
    expect(getThreat(doc, id)?.dread).toEqual({
      ...UNRATED,
      damage: 3,
      reproducibility: 1,
      exploitability: 2,
    });
  });
});

describe("updateThreat", () => {
  it("writes only the fields that change and bumps updatedAt", () => {
    vi.useFakeTimers();
    vi.setSystemTime(1000);
    const { doc } = buildModelDoc();
    const id = addThreat(doc, { title: "T", category: "tampering" }, "u1");
    vi.setSystemTime(2000);

    const keysWritten: string[] = [];
    const entry = getThreatsMap(doc).get(id);
    if (!(entry instanceof Y.Map)) throw new Error("expected a map");
    entry.observe((event) => keysWritten.push(...event.keysChanged));

    expect(updateThreat(doc, id, { title: "T", status: "mitigated" })).toBe(true);
    expect(keysWritten.sort()).toEqual(["status", "updatedAt"]);
    expect(getThreat(doc, id)).toMatchObject({
      status: "mitigated",
      createdAt: 1000,
      updatedAt: 2000,
    });

    vi.setSystemTime(3000);
    expect(updateThreat(doc, id, { status: "mitigated" })).toBe(false);
    expect(getThreat(doc, id)?.updatedAt).toBe(2000);
  });

  it("refuses invalid patches and unknown ids", () => {
    const { doc } = buildModelDoc();
    const id = addThreat(doc, { title: "T", category: "tampering" }, "u1");
    expectAppError(
      () => updateThreat(doc, id, receivedFromPeer({ author: "someone" })),
      "bad_request",
    );
    expectAppError(
      () => updateThreat(doc, id, receivedFromPeer({ status: "done" })),
      "bad_request",
    );
    expectAppError(() => updateThreat(doc, id, { title: "" }), "bad_request");
    expectAppError(() => updateThreat(doc, "missing", { title: "New" }), "not_found");
    expect(getThreat(doc, id)?.title).toBe("T");
  });

  it("keeps both edits when two people change different fields of one threat at once", () => {
    const { doc: alice } = buildModelDoc();
    const id = addThreat(alice, { title: "Weak session handling", category: "spoofing" }, "u1");
    const bob = cloneDoc(alice);

    updateThreat(alice, id, { title: "Session cookie can be replayed" });
    updateThreat(bob, id, { status: "needs-investigation", severity: "important" });
    syncDocs(alice, bob);

    for (const doc of [alice, bob]) {
      expect(getThreat(doc, id)).toMatchObject({
        title: "Session cookie can be replayed",
        status: "needs-investigation",
        severity: "important",
      });
    }
  });
});

describe("DREAD ratings", () => {
  it("writes only the factors given and checks them against the model's scale", () => {
    vi.useFakeTimers();
    vi.setSystemTime(1000);
    const { doc } = buildModelDoc();
    const id = addThreat(doc, { title: "T", category: "tampering" }, "u1");
    vi.setSystemTime(2000);
    expect(updateThreat(doc, id, { dread: { damage: 3, discoverability: 1 } })).toBe(true);
    expect(getThreat(doc, id)).toMatchObject({
      dread: { ...UNRATED, damage: 3, discoverability: 1 },
      updatedAt: 2000,
    });
    expect(updateThreat(doc, id, { dread: { damage: 3 } })).toBe(false);

    for (const value of [0, 4, 2.5, -1]) {
      const error = expectAppError(
        () => updateThreat(doc, id, { dread: { damage: value } }),
        "bad_request",
      );
      expect(error.issues?.[0]?.path).toMatch(/^dread/);
    }
    updateThreat(doc, id, { dread: { damage: null } });
    expect(getThreat(doc, id)?.dread.damage).toBeNull();

    setDreadScale(doc, "0-10");
    updateThreat(doc, id, { dread: { damage: 0, reproducibility: 10 } });
    expect(getThreat(doc, id)?.dread).toMatchObject({ damage: 0, reproducibility: 10 });
    expectAppError(() => updateThreat(doc, id, { dread: { damage: 11 } }), "bad_request");
  });

  it("keeps both ratings when two people rate two factors of one threat at once", () => {
    const { doc: alice } = buildModelDoc();
    const id = addThreat(alice, { title: "T", category: "tampering" }, "u1");
    const bob = cloneDoc(alice);
    updateThreat(alice, id, { dread: { damage: 3 } });
    updateThreat(bob, id, { dread: { exploitability: 1 }, status: "needs-investigation" });
    syncDocs(alice, bob);
    for (const doc of [alice, bob]) {
      expect(getThreat(doc, id)).toMatchObject({
        status: "needs-investigation",
        dread: { ...UNRATED, damage: 3, exploitability: 1 },
      });
    }
  });
});

describe("getThreatRisk", () => {
  const rated = (damage: number | null, others: number) => ({
    dread: {
      damage,
      reproducibility: others,
      exploitability: others,
      affectedUsers: others,
      discoverability: others,
    },
  });

  it("sums 1-3 ratings into a banded score", () => {
    expect(getThreatRisk(rated(3, 3), "1-3")).toEqual({
      scale: "sum-1-3",
      value: 15,
      band: "high",
    });
    expect(getThreatRisk(rated(3, 2), "1-3")).toMatchObject({ value: 11, band: "medium" });
    expect(getThreatRisk(rated(1, 1), "1-3")).toMatchObject({ value: 5, band: "low" });
  });

  it("averages 0-10 ratings, with the bands of that scale", () => {
    expect(getThreatRisk(rated(8, 4), "0-10")).toEqual({
      scale: "average-0-10",
      value: 4.8,
      band: "medium",
    });
  });

  it("is null while a factor is unrated or off the scale", () => {
    expect(getThreatRisk(rated(null, 2), "1-3")).toBeNull();
    expect(getThreatRisk(rated(7, 2), "1-3")).toBeNull();
    expect(getThreatRisk(rated(0, 2), "1-3")).toBeNull();
    expect(getThreatRisk({ dread: UNRATED }, "0-10")).toBeNull();
  });
});

describe("responses", () => {
  it("refuses accepting without an approver, and records who approved and when", () => {
    vi.useFakeTimers();
    vi.setSystemTime(1000);
    const { doc } = buildModelDoc();
    const id = addThreat(doc, { title: "T", category: "tampering" }, "u1");
    const error = expectAppError(
      () => updateThreat(doc, id, { response: "accept" }),
      "bad_request",
    );
    expect(error.issues?.[0]?.path).toBe("acceptedBy");
    expect(getThreat(doc, id)?.response).toBeNull();

    vi.setSystemTime(2000);
    updateThreat(doc, id, { response: "accept", acceptedBy: "risk-owner" });
    expect(getThreat(doc, id)).toMatchObject({
      response: "accept",
      acceptedBy: "risk-owner",
      acceptedAt: 2000,
    });
    expectAppError(() => updateThreat(doc, id, { acceptedBy: null }), "bad_request");

    vi.setSystemTime(3000);
    updateThreat(doc, id, { severity: "low" });
    expect(getThreat(doc, id)?.acceptedAt).toBe(2000);
    updateThreat(doc, id, { acceptedBy: "ciso" });
    expect(getThreat(doc, id)).toMatchObject({ acceptedBy: "ciso", acceptedAt: 3000 });
  });

  it("clears the approval when the response changes, and refuses an approver without accept", () => {
    const { doc } = buildModelDoc();
    const id = addThreat(doc, { title: "T", category: "tampering" }, "u1");
    updateThreat(doc, id, { response: "accept", acceptedBy: "risk-owner", acceptedAt: 42 });
    expect(getThreat(doc, id)?.acceptedAt).toBe(42);
    updateThreat(doc, id, { response: "transfer" });
    expect(getThreat(doc, id)).toMatchObject({
      response: "transfer",
      acceptedBy: null,
      acceptedAt: null,
    });
    expectAppError(() => updateThreat(doc, id, { acceptedBy: "risk-owner" }), "bad_request");
    updateThreat(doc, id, { response: null });
    expect(getThreat(doc, id)?.response).toBeNull();
  });

  it("still reads, and lets people edit, a threat whose merged edits left accept unapproved", () => {
    const { doc } = buildModelDoc();
    const id = addThreat(doc, { title: "T", category: "tampering" }, "u1");
    getEntryMap(doc, id).set("response", "accept");
    expect(getThreat(doc, id)).toMatchObject({ response: "accept", acceptedBy: null });
    expect(updateThreat(doc, id, { title: "Renamed" })).toBe(true);
    expectAppError(() => updateThreat(doc, id, { response: "accept" }), "bad_request");
  });
});

describe("bug link and review flag", () => {
  it("accepts http(s) bug links only", () => {
    const { doc } = buildModelDoc();
    const id = addThreat(doc, { title: "T", category: "tampering" }, "u1");
    updateThreat(doc, id, { bugUrl: "http://tracker.local/PAY-12" });
    expect(getThreat(doc, id)?.bugUrl).toBe("http://tracker.local/PAY-12");
    for (const bugUrl of ["javascript:alert(1)", "ftp://x.example/1", "PAY-12", ""]) {
      expectAppError(() => updateThreat(doc, id, { bugUrl }), "bad_request");
    }
    updateThreat(doc, id, { bugUrl: null });
    expect(getThreat(doc, id)?.bugUrl).toBeNull();
  });

  it("clears the reason together with the flag", () => {
    const { doc } = buildModelDoc();
    const id = addThreat(doc, { title: "T", category: "tampering" }, "u1");
    updateThreat(doc, id, { needsReview: true, reviewReason: "Scope changed" });
    expect(getThreat(doc, id)).toMatchObject({ needsReview: true, reviewReason: "Scope changed" });
    updateThreat(doc, id, { needsReview: false });
    expect(getThreat(doc, id)).toMatchObject({ needsReview: false, reviewReason: "" });
  });
});

describe("updateThreats", () => {
  it("changes several threats in one transaction and returns those that changed", () => {
    const { doc } = buildModelDoc();
    const first = addThreat(doc, { title: "First", category: "tampering" }, "u1");
    const second = addThreat(doc, { title: "Second", category: "tampering" }, "u1");
    const done = addThreat(doc, { title: "Done", category: "tampering" }, "u1");
    updateThreat(doc, done, { status: "mitigated" });
    let transactions = 0;
    doc.on("afterTransaction", () => (transactions += 1));

    const changed = updateThreats(doc, [first, second, done], { status: "mitigated" });
    expect(transactions).toBe(1);
    expect(changed.sort()).toEqual([first, second].sort());
    expect(listThreats(doc).map((threat) => threat.status)).toEqual([
      "mitigated",
      "mitigated",
      "mitigated",
    ]);
  });

  it("writes nothing when one id is unknown or the patch is invalid", () => {
    const { doc } = buildModelDoc();
    const first = addThreat(doc, { title: "First", category: "tampering" }, "u1");
    expectAppError(() => updateThreats(doc, [first, "missing"], { severity: "low" }), "not_found");
    expectAppError(
      () => updateThreats(doc, [first], receivedFromPeer({ severity: "huge" })),
      "bad_request",
    );
    expectAppError(() => updateThreats(doc, [first], { response: "accept" }), "bad_request");
    expect(getThreat(doc, first)?.severity).toBeNull();
  });
});

describe("deleteThreat", () => {
  it("removes the threat and its mitigation links", () => {
    const { doc } = buildModelDoc();
    const keep = addThreat(doc, { title: "Keep", category: "tampering" }, "u1");
    const drop = addThreat(doc, { title: "Drop", category: "tampering" }, "u1");
    const mitigationId = addMitigation(doc, { title: "Sign it", threatIds: [keep, drop] }, "u1");

    expect(deleteThreat(doc, drop)).toBe(true);
    expect(getThreat(doc, drop)).toBeNull();
    expect(getMitigation(doc, mitigationId)?.threatIds).toEqual([keep]);
    expect(deleteThreat(doc, drop)).toBe(false);
  });
});

describe("deleteThreats", () => {
  it("deletes several in one step that an undo manager takes back whole, links included", () => {
    const { doc } = buildModelDoc();
    const keep = addThreat(doc, { title: "Keep", category: "tampering" }, "u1");
    const first = addThreat(
      doc,
      { title: "First", category: "spoofing", description: "Forged cookie" },
      "u1",
    );
    const second = addThreat(doc, { title: "Second", category: "repudiation" }, "u1");
    const mitigationId = addMitigation(doc, { title: "Sign it", threatIds: [keep, first] }, "u1");
    const before = listThreats(doc);
    const origin = Symbol("bulk delete");
    const undo = new Y.UndoManager([getThreatsMap(doc), getMitigationsMap(doc)], {
      trackedOrigins: new Set([origin]),
    });

    expect(deleteThreats(doc, [first, second, "missing"], origin)).toBe(2);
    expect(listThreats(doc).map((threat) => threat.title)).toEqual(["Keep"]);
    expect(getMitigation(doc, mitigationId)?.threatIds).toEqual([keep]);

    undo.undo();
    expect(listThreats(doc)).toEqual(before);
    expect(getMitigation(doc, mitigationId)?.threatIds.slice().sort()).toEqual(
      [keep, first].sort(),
    );
    undo.destroy();
  });
});

describe("deleteThreatsWithUndo", () => {
  it("brings the deleted threats back with undo", () => {
    const { doc } = buildModelDoc();
    const ids = ["A", "B"].map((title) => addThreat(doc, { title, category: "tampering" }, "u1"));
    const deleted = deleteThreatsWithUndo(doc, ids);
    expect(deleted.count).toBe(2);
    expect(listThreats(doc)).toEqual([]);
    deleted.undo();
    expect(
      listThreats(doc)
        .map((threat) => threat.title)
        .sort(),
    ).toEqual(["A", "B"]);
  });
});

describe("observeThreats", () => {
  it("reports changed ids, local and remote, until unsubscribed", () => {
    const { doc } = buildModelDoc();
    const peer = cloneDoc(doc);
    const changes: { ids: string[]; isLocal: boolean }[] = [];
    const unsubscribe = observeThreats(doc, (change) => changes.push(change));

    const id = addThreat(doc, { title: "T", category: "tampering" }, "u1");
    syncDocs(doc, peer);
    updateThreat(peer, id, { title: "Renamed" });
    syncDocs(doc, peer);
    unsubscribe();
    deleteThreat(doc, id);

    expect(changes).toEqual([
      { ids: [id], isLocal: true },
      { ids: [id], isLocal: false },
    ]);
  });
});

describe("changeDreadScale", () => {
  it("converts every rated factor so that no rating changes its risk label", () => {
    const { doc } = buildModelDoc();
    const high = addThreat(
      doc,
      {
        title: "High",
        category: "tampering",
        dread: {
          damage: 3,
          reproducibility: 3,
          exploitability: 3,
          affectedUsers: 2,
          discoverability: 2,
        },
      },
      "author",
    );
    const partial = addThreat(
      doc,
      { title: "Partial", category: "spoofing", dread: { damage: 1 } },
      "author",
    );
    addThreat(doc, { title: "Unrated", category: "spoofing" }, "author");
    expect(countRatedThreats(doc)).toBe(2);
    expect(getThreatRisk(getThreat(doc, high) ?? { dread: UNRATED }, "1-3")).toMatchObject({
      value: 13,
      band: "high",
    });

    expect(changeDreadScale(doc, "0-10")).toBe(2);
    expect(getDreadScale(doc)).toBe("0-10");
    expect(getThreat(doc, high)?.dread).toEqual({
      damage: 10,
      reproducibility: 10,
      exploitability: 10,
      affectedUsers: 5,
      discoverability: 5,
    });
    expect(getThreatRisk(getThreat(doc, high) ?? { dread: UNRATED }, "0-10")).toMatchObject({
      value: 8,
      band: "high",
    });
    expect(getThreat(doc, partial)?.dread.damage).toBe(0);
    expect(changeDreadScale(doc, "0-10")).toBe(0);

    expect(changeDreadScale(doc, "1-3")).toBe(2);
    expect(getThreat(doc, high)?.dread).toMatchObject({ damage: 3, affectedUsers: 2 });
  });
});
