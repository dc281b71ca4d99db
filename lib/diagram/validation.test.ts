import { describe, expect, it } from "vitest";
import {
  addElement,
  addFlow,
  getElementsMap,
  linkStubElement,
  listElements,
  openSubDiagram,
  unlinkStubElement,
} from "../model";
import type { NewElementInput } from "../model";
import { buildModelDoc } from "../model/test-helpers";
import { countIssues, findDiagramIssues, summarizeIssues, validateDiagram } from "./validation";
import type { DiagramIssue } from "./validation";

type ElementFields = Omit<Extract<NewElementInput, { kind: "process" }>, "kind" | "diagramId">;

/** A diagram builder: elements are placed far apart unless a position is given. */
function buildDiagram() {
  const { doc, diagramId } = buildModelDoc();
  let column = 0;
  function add(kind: "external-entity" | "process" | "data-store", fields: ElementFields = {}) {
    column += 1;
    return addElement(doc, { kind, diagramId, x: column * 400, y: 1000, ...fields });
  }
  return { doc, diagramId, add };
}

function rulesOf(issues: DiagramIssue[], targetId: string): string[] {
  return issues.filter((issue) => issue.target.id === targetId).map((issue) => issue.rule);
}

describe("validateDiagram", () => {
  it("finds nothing wrong with a complete diagram", () => {
    const { doc, diagramId, add } = buildDiagram();
    const user = add("external-entity", { name: "User" });
    const api = add("process", { name: "API" });
    const db = add("data-store", { name: "Orders DB" });
    addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      name: "Internet edge",
      shape: "line",
      x: 600,
      y: 0,
      width: 0,
      height: 2000,
    });
    addFlow(doc, { sourceId: user, targetId: api, name: "Order" });
    addFlow(doc, { sourceId: api, targetId: db, name: "Save order", bidirectional: true });

    expect(validateDiagram(doc, diagramId)).toEqual([]);
  });

  it("counts a sub-diagram element joined to a parent flow's stub as taking part in it", () => {
    const { doc, add } = buildDiagram();
    const user = add("external-entity", { name: "User" });
    const api = add("process", { name: "API" });
    const db = add("data-store", { name: "Orders DB" });
    const request = addFlow(doc, { sourceId: user, targetId: api, name: "Request" });
    const save = addFlow(doc, { sourceId: api, targetId: db, name: "Save" });
    const inner = openSubDiagram(doc, api);
    const parser = addElement(doc, { kind: "process", diagramId: inner, name: "Parser" });
    const cache = addElement(doc, { kind: "data-store", diagramId: inner, name: "Cache" });
    expect(rulesOf(validateDiagram(doc, inner), parser)).toEqual(["no-flows"]);

    linkStubElement(doc, request, parser);
    expect(rulesOf(validateDiagram(doc, inner), parser)).toEqual([]);
    // A store written by nothing but joined to an outgoing stub is read (by the parent flow).
    linkStubElement(doc, save, cache);
    expect(rulesOf(validateDiagram(doc, inner), cache)).toEqual([]);

    unlinkStubElement(doc, request, parser);
    expect(rulesOf(validateDiagram(doc, inner), parser)).toEqual(["no-flows"]);
  });

  it("counts an incoming stub as written and a bidirectional one as read too", () => {
    const base = { direction: "in", bidirectional: false } as const;
    const { doc, add } = buildDiagram();
    const store = add("data-store", { name: "Inbox" });
    const elements = listElements(doc);
    const inOnly = findDiagramIssues({
      elements,
      flows: [],
      stubs: [{ ...base, linkedElementIds: [store] }],
    });
    expect(rulesOf(inOnly, store)).toEqual(["data-sink"]);
    const both = findDiagramIssues({
      elements,
      flows: [],
      stubs: [{ ...base, bidirectional: true, linkedElementIds: [store] }],
    });
    expect(rulesOf(both, store)).toEqual([]);
  });

  it("is empty for an unknown diagram", () => {
    const { doc } = buildDiagram();
    expect(validateDiagram(doc, "ghost")).toEqual([]);
  });

  it("reports a flow whose end was deleted by a peer", () => {
    const { doc, diagramId, add } = buildDiagram();
    const api = add("process", { name: "API" });
    const db = add("data-store", { name: "Orders DB" });
    const flow = addFlow(doc, { sourceId: api, targetId: db, name: "Save order" });
    getElementsMap(doc).delete(db);

    const issues = validateDiagram(doc, diagramId);
    expect(issues.find((issue) => issue.target.id === flow)).toEqual({
      id: `flow-not-connected:${flow}`,
      rule: "flow-not-connected",
      severity: "error",
      message:
        "“Save order” is not connected at both ends: connect it to two elements of this diagram, or delete it.",
      target: { type: "flow", id: flow },
    });
  });

  it("reports a flow whose end is on another diagram", () => {
    const { doc } = buildDiagram();
    const elements = listElements(doc);
    const flows = [
      {
        id: "f1",
        diagramId: "d1",
        sourceId: "a",
        targetId: "elsewhere",
        name: "",
        protocol: "",
        dataCarried: "",
        authenticated: null,
        encrypted: null,
        forgeryProtection: null,
        plane: "data" as const,
        bidirectional: false,
        sequence: null,
        outOfScope: false,
        outOfScopeReason: "",
        innerElementIds: [],
      },
    ];
    const issues = findDiagramIssues({ elements, flows });
    expect(rulesOf(issues, "f1")).toEqual(["flow-not-connected", "unnamed"]);
    expect(issues[0]?.message).toBe(
      "An unnamed data flow is not connected at both ends: connect it to two elements of this diagram, or delete it.",
    );
  });

  it("reports a flow between two data stores, and not one through a process", () => {
    const { doc, diagramId, add } = buildDiagram();
    const orders = add("data-store", { name: "Orders DB" });
    const archive = add("data-store", { name: "Archive" });
    const copier = add("process", { name: "Copier" });
    const direct = addFlow(doc, { sourceId: orders, targetId: archive, bidirectional: true });
    const read = addFlow(doc, { sourceId: orders, targetId: copier, name: "Read" });
    const write = addFlow(doc, { sourceId: copier, targetId: archive, name: "Write" });

    const issues = validateDiagram(doc, diagramId);
    expect(rulesOf(issues, direct)).toEqual(["store-to-store", "unnamed"]);
    expect(issues.find((issue) => issue.rule === "store-to-store")?.message).toBe(
      "The data flow from “Orders DB” to “Archive” joins two data stores directly: add the process that moves the data between them.",
    );
    expect(rulesOf(issues, read)).toEqual([]);
    expect(rulesOf(issues, write)).toEqual([]);
  });

  it("reports elements without flows, unless out of scope", () => {
    const { doc, diagramId, add } = buildDiagram();
    const lonely = add("process", { name: "Cron job" });
    const ignored = add("external-entity", {
      name: "Partner",
      outOfScope: true,
      outOfScopeReason: "Their side",
    });
    const issues = validateDiagram(doc, diagramId);
    expect(issues.find((issue) => issue.target.id === lonely)?.message).toBe(
      "“Cron job” has no data flows: connect it to the elements it exchanges data with, or remove it.",
    );
    expect(issues.find((issue) => issue.target.id === lonely)?.severity).toBe("warning");
    expect(rulesOf(issues, ignored)).toEqual([]);
  });

  it("reports a data store written to and never read", () => {
    const { doc, diagramId, add } = buildDiagram();
    const api = add("process", { name: "API" });
    const sink = add("data-store", { name: "Orders DB" });
    const read = add("data-store", { name: "Config" });
    const both = add("data-store", { name: "Sessions" });
    const outOfScope = add("data-store", { name: "Legacy", outOfScope: true });
    addFlow(doc, { sourceId: api, targetId: sink, name: "Save" });
    addFlow(doc, { sourceId: read, targetId: api, name: "Load config" });
    addFlow(doc, { sourceId: api, targetId: both, name: "Session", bidirectional: true });
    addFlow(doc, { sourceId: api, targetId: outOfScope, name: "Legacy write" });

    const issues = validateDiagram(doc, diagramId);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      id: `data-sink:${sink}`,
      rule: "data-sink",
      severity: "warning",
      message:
        "“Orders DB” is written to but never read: add the process that reads it, or remove it.",
      target: { type: "element", id: sink },
    });
  });

  it("reports unnamed elements and flows, whitespace counting as empty", () => {
    const { doc, diagramId, add } = buildDiagram();
    const user = add("external-entity", { name: "  " });
    const api = add("process", { name: "API" });
    const flow = addFlow(doc, { sourceId: user, targetId: api, name: " " });

    const issues = validateDiagram(doc, diagramId);
    expect(issues.map((issue) => issue.message)).toEqual([
      "An external entity has no name: name the person, team or service it stands for.",
      "The data flow from an unnamed external entity to “API” has no name: name the data it carries.",
    ]);
    expect(rulesOf(issues, user)).toEqual(["unnamed"]);
    expect(rulesOf(issues, flow)).toEqual(["unnamed"]);
    expect(rulesOf(issues, api)).toEqual([]);
  });

  it("reports trust boundaries that no flow crosses", () => {
    const { doc, diagramId } = buildDiagram();
    const inside = addElement(doc, { kind: "process", diagramId, name: "API", x: 50, y: 50 });
    const outside = addElement(doc, {
      kind: "external-entity",
      diagramId,
      name: "User",
      x: 600,
      y: 50,
    });
    const crossed = addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      name: "Data centre",
      x: 0,
      y: 0,
      width: 400,
      height: 400,
    });
    const empty = addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      name: "Sandbox",
      x: 2000,
      y: 2000,
    });
    addFlow(doc, { sourceId: outside, targetId: inside, name: "Request" });

    const issues = validateDiagram(doc, diagramId);
    expect(rulesOf(issues, crossed)).toEqual([]);
    expect(issues.map((issue) => issue.message)).toEqual([
      "No data flow crosses the trust boundary “Sandbox”: draw the flows that cross it, or remove it.",
    ]);
    expect(issues[0]?.target).toEqual({ type: "element", id: empty });
  });

  it("sorts errors first, then by message, and counts by severity", () => {
    const { doc, diagramId, add } = buildDiagram();
    add("process", { name: "Zed" });
    add("process", { name: "Alpha" });
    const a = add("data-store", { name: "B store" });
    const b = add("data-store", { name: "A store" });
    addFlow(doc, { sourceId: a, targetId: b, name: "Copy" });

    const issues = validateDiagram(doc, diagramId);
    expect(issues.map((issue) => issue.rule)).toEqual([
      "store-to-store",
      "data-sink",
      "no-flows",
      "no-flows",
    ]);
    expect(issues.map((issue) => issue.message.slice(0, 8))).toEqual([
      "“Copy” (",
      "“A store",
      "“Alpha” ",
      "“Zed” ha",
    ]);
    expect(countIssues(issues)).toEqual({ error: 1, warning: 3 });
    expect(summarizeIssues(issues)).toBe("1 error and 3 warnings");
    expect(summarizeIssues(issues.slice(1, 2))).toBe("1 warning");
    expect(summarizeIssues([])).toBe("No problems found");
  });

  it("keeps issue ids stable while the problem lasts", () => {
    const { doc, diagramId, add } = buildDiagram();
    add("process", { name: "Lonely" });
    const first = validateDiagram(doc, diagramId).map((issue) => issue.id);
    add("process", { name: "Another" });
    const second = validateDiagram(doc, diagramId).map((issue) => issue.id);
    expect(second).toHaveLength(2);
    expect(second).toEqual(expect.arrayContaining(first));
  });
});
