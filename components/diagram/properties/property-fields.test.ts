import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ELEMENT_DEFAULTS, ELEMENT_KINDS, addElement, getElement } from "@/lib/model/elements";
import { FLOW_DEFAULTS, addFlow, getFlow, updateFlow } from "@/lib/model/flows";
import { updateElement } from "@/lib/model/elements";
import { buildModelDoc } from "@/lib/model/test-helpers";
import {
  ELEMENT_CONTEXT_FIELDS,
  FLOW_FIELDS,
  buildElementPatch,
  buildFlowPatch,
  describeSelection,
  formatSequence,
  fromAnswerChoice,
  getElementBasicFields,
  parseDiagramTitle,
  parseSequence,
  readField,
  toAnswerChoice,
} from "./property-fields";

describe("field definitions", () => {
  it("cover every context field of every kind, and nothing else", () => {
    const common = ["name", "description", "x", "y", "width", "height", "outOfScope"];
    for (const kind of ELEMENT_KINDS) {
      const stored = Object.keys(ELEMENT_DEFAULTS[kind]).filter(
        (key) => !["kind", "diagramId", "outOfScopeReason", ...common].includes(key),
      );
      const shown = ELEMENT_CONTEXT_FIELDS[kind].map((field) => field.key);
      expect(shown.sort()).toEqual(stored.sort());
      expect(getElementBasicFields(kind).map((field) => field.key)).toEqual([
        "name",
        "description",
      ]);
    }
  });

  it("cover every editable field of a data flow", () => {
    const hidden = [
      "diagramId",
      "sourceId",
      "targetId",
      "outOfScope",
      "outOfScopeReason",
      // Links to a sub-diagram's elements: drawn on the sub-diagram, not edited as a field.
      "innerElementIds",
    ];
    const stored = Object.keys(FLOW_DEFAULTS).filter((key) => !hidden.includes(key));
    expect(FLOW_FIELDS.map((field) => field.key).sort()).toEqual(stored.sort());
  });

  it("use the method's labels", () => {
    const labels = ELEMENT_CONTEXT_FIELDS["data-store"].map((field) => field.label);
    expect(labels).toContain("Holds logs or audit data");
    expect(labels).toContain("Holds credentials");
    const sandbox = ELEMENT_CONTEXT_FIELDS.process.find((field) => field.key === "sandboxed");
    expect(sandbox?.type).toBe("answer");
  });
});

describe("reading and writing fields", () => {
  it("writes every element field through the accessors", () => {
    const { doc, diagramId } = buildModelDoc();
    for (const kind of ELEMENT_KINDS) {
      const id = addElement(doc, { kind, diagramId });
      for (const field of [...getElementBasicFields(kind), ...ELEMENT_CONTEXT_FIELDS[kind]]) {
        const value =
          field.type === "answer" || field.type === "flag"
            ? true
            : field.type === "choice"
              ? (field.options.at(-1)?.value ?? null)
              : "Changed";
        updateElement(doc, id, buildElementPatch(kind, field.key, value));
        const element = getElement(doc, id);
        expect(element && readField(element, field.key)).toBe(value);
      }
    }
  });

  it("refuses a field of another kind and an invalid value", () => {
    expect(() => buildElementPatch("process", "holdsLogs", true)).toThrow(AppError);
    expect(() => buildElementPatch("data-store", "holdsLogs", "yes")).toThrow(AppError);
    expect(() => buildFlowPatch("plane", "sideways")).toThrow(AppError);
  });

  it("writes flow fields, sequence numbers included", () => {
    const { doc, diagramId } = buildModelDoc();
    const a = addElement(doc, { kind: "process", diagramId });
    const b = addElement(doc, { kind: "data-store", diagramId });
    const flow = addFlow(doc, { sourceId: a, targetId: b });
    updateFlow(doc, flow, buildFlowPatch("sequence", 3));
    updateFlow(doc, flow, buildFlowPatch("forgeryProtection", false));
    expect(getFlow(doc, flow)).toMatchObject({ sequence: 3, forgeryProtection: false });
    const stored = getFlow(doc, flow);
    expect(stored && readField(stored, "missing")).toBeUndefined();
  });
});

describe("input helpers", () => {
  it("maps answers to select values and back", () => {
    expect([true, false, null].map(toAnswerChoice)).toEqual(["yes", "no", ""]);
    expect(["yes", "no", ""].map(fromAnswerChoice)).toEqual([true, false, null]);
  });

  it("reads sequence numbers", () => {
    expect(parseSequence(" 12 ")).toEqual({ value: 12 });
    expect(parseSequence("")).toEqual({ value: null });
    expect(parseSequence("-1")).toHaveProperty("error");
    expect(parseSequence("1.5")).toHaveProperty("error");
    expect(parseSequence("99999999999999999999")).toHaveProperty("error");
    expect(formatSequence(4)).toBe("4");
    expect(formatSequence(null)).toBe("");
  });

  it("requires a diagram title", () => {
    expect(parseDiagramTitle("  Payments ")).toEqual({ value: "Payments" });
    expect(parseDiagramTitle("  ")).toEqual({ error: "Give the diagram a title." });
    expect(parseDiagramTitle("x".repeat(201))).toHaveProperty("error");
  });

  it("describes a multiple selection", () => {
    expect(describeSelection(2, 0)).toBe("2 elements selected");
    expect(describeSelection(1, 1)).toBe("1 element and 1 data flow selected");
    expect(describeSelection(0, 3)).toBe("3 data flows selected");
  });
});
