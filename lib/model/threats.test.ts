import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { addElement } from "./elements";
import { addMitigation, getMitigation } from "./mitigations";
import { getThreatsMap } from "./roots";
import { buildModelDoc, cloneDoc, expectAppError, syncDocs } from "./test-helpers";
import {
  STRIDE_CATEGORIES,
  STRIDE_CATEGORY_CODES,
  addThreat,
  deleteThreat,
  getCategoryByCode,
  getThreat,
  listThreats,
  observeThreats,
  updateThreat,
} from "./threats";

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
      bugUrl: null,
      origin: { kind: "manual" },
      author: "u1",
      createdAt: 1_750_000_000_000,
      updatedAt: 1_750_000_000_000,
    });
    // Each threat is a nested Y.Map keyed by its id, not an array position.
    expect(getThreatsMap(doc).get(id)).toBeInstanceOf(Y.Map);
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
    ];
    for (const input of cases) {
      // @ts-expect-error -- deliberately invalid input from an untyped caller
      const error = expectAppError(() => addThreat(doc, input, "u1"), "bad_request");
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
    // @ts-expect-error -- author is not editable
    expectAppError(() => updateThreat(doc, id, { author: "someone" }), "bad_request");
    // @ts-expect-error -- not a status
    expectAppError(() => updateThreat(doc, id, { status: "done" }), "bad_request");
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
