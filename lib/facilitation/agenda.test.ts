import { describe, expect, it } from "vitest";
import { buildAgenda, type AgendaElement, type AgendaFlow } from "./agenda";
import { categoriesForElement, categoriesForFlow } from "./applicability";

const element = (
  id: string,
  kind: AgendaElement["kind"],
  extra: Partial<AgendaElement> = {},
): AgendaElement => ({ id, kind, name: id, diagramId: "d1", outOfScope: false, ...extra });
const flow = (
  id: string,
  sourceId: string,
  targetId: string,
  extra: Partial<AgendaFlow> = {},
): AgendaFlow => ({
  id,
  name: id,
  diagramId: "d1",
  sourceId,
  targetId,
  outOfScope: false,
  ...extra,
});

describe("which STRIDE categories apply", () => {
  it("follows STRIDE per element", () => {
    expect(categoriesForElement({ kind: "external-entity" })).toEqual(["spoofing", "repudiation"]);
    expect(categoriesForElement({ kind: "process" })).toHaveLength(6);
    expect(categoriesForElement({ kind: "data-store" })).toEqual([
      "tampering",
      "information-disclosure",
      "denial-of-service",
    ]);
    expect(categoriesForElement({ kind: "data-store", holdsLogs: true })).toContain("repudiation");
    expect(categoriesForElement({ kind: "trust-boundary" })).toEqual([]);
  });

  it("adds what the interaction brings to a flow's own T, I and D, in STRIDE order", () => {
    expect(categoriesForFlow("data-store", "data-store")).toEqual([
      "tampering",
      "information-disclosure",
      "denial-of-service",
    ]);
    expect(categoriesForFlow("external-entity", "process")).toEqual([
      "spoofing",
      "tampering",
      "repudiation",
      "information-disclosure",
      "denial-of-service",
      "elevation-of-privilege",
    ]);
    expect(categoriesForFlow("process", "external-entity")).toEqual([
      "spoofing",
      "tampering",
      "repudiation",
      "information-disclosure",
      "denial-of-service",
    ]);
  });
});

describe("the agenda", () => {
  const model = {
    elements: [
      element("user", "external-entity"),
      element("web", "process"),
      element("db", "data-store"),
      element("zone", "trust-boundary"),
      element("legacy", "process", { outOfScope: true }),
      element("other", "process", { diagramId: "d2" }),
    ],
    flows: [
      flow("login", "user", "web"),
      flow("query", "web", "db"),
      flow("old", "web", "legacy"),
      flow("dangling", "web", "missing"),
    ],
    crossings: new Map([["login", ["zone"]]]),
  };

  it("puts crossing flows first, then processes, stores, entities and other flows; leaves out boundaries and what is out of scope", () => {
    const agenda = buildAgenda(model, { kind: "model" });
    expect(agenda.map((item) => item.targetId)).toEqual([
      "login",
      "other",
      "web",
      "db",
      "user",
      "old",
      "query",
    ]);
    expect(agenda.find((item) => item.targetId === "user")?.categories).toEqual([
      "spoofing",
      "repudiation",
    ]);
    expect(agenda[0]).toMatchObject({ targetKind: "flow", name: "login" });
  });

  it("scopes to one diagram or a selection", () => {
    expect(
      buildAgenda(model, { kind: "diagram", diagramId: "d2" }).map((item) => item.targetId),
    ).toEqual(["other"]);
    expect(
      buildAgenda(model, { kind: "selection", targetIds: ["db", "query", "zone"] }).map(
        (item) => item.targetId,
      ),
    ).toEqual(["db", "query"]);
  });
});
