import { ELEMENT_DEFAULTS, FLOW_DEFAULTS, diagramElementSchema, flowSchema } from "../model";
import type { DiagramElement, ElementKind, Flow } from "../model";
import type { RuleModel } from "./engine";
import type { Rule, RuleSet } from "./rule-types";

/*
 * Factories for the unit tests of lib/stride (not used by product code). Every record is
 * validated with the document's own schemas, so tests never build impossible elements.
 */

/** An element of `kind` with its defaults, on diagram "d1", overridden by `fields`. */
export function buildElement(
  kind: ElementKind,
  fields: Record<string, unknown> = {},
): DiagramElement {
  return diagramElementSchema.parse({
    ...ELEMENT_DEFAULTS[kind],
    diagramId: "d1",
    id: `${kind}-1`,
    ...fields,
  });
}

/** A data flow with its defaults, on diagram "d1", overridden by `fields`. */
export function buildFlow(fields: Record<string, unknown> = {}): Flow {
  return flowSchema.parse({
    ...FLOW_DEFAULTS,
    id: "flow-1",
    diagramId: "d1",
    sourceId: "source",
    targetId: "target",
    ...fields,
  });
}

/** What an end of a test interaction is: a kind and, optionally, context fields. */
export type EndSpec = ElementKind | readonly [ElementKind, Record<string, unknown>];

/**
 * A one-interaction model: `source` (center 100, 100) sends a flow "Orders" to `target` (center
 * 500, 100). With `isCrossing`, a box trust boundary encloses the target only, so the flow
 * crosses it.
 */
export function buildInteraction(
  source: EndSpec,
  target: EndSpec,
  options: { flow?: Record<string, unknown>; isCrossing?: boolean } = {},
): RuleModel {
  const place = (spec: EndSpec, id: string, name: string, cx: number): DiagramElement => {
    const [kind, fields] = typeof spec === "string" ? [spec, {}] : spec;
    return buildElement(kind, { id, name, x: cx - 50, y: 50, width: 100, height: 100, ...fields });
  };
  const elements = [place(source, "source", "Source", 100), place(target, "target", "Target", 500)];
  if (options.isCrossing === true) {
    elements.push(
      buildElement("trust-boundary", { id: "zone", x: 300, y: 0, width: 400, height: 300 }),
    );
  }
  return { elements, flows: [buildFlow({ name: "Orders", ...options.flow })] };
}

/** A model holding one element (or, for "data-flow", one flow between two processes). */
export function buildSingle(
  kind: ElementKind | "data-flow",
  fields: Record<string, unknown> = {},
): RuleModel {
  if (kind === "data-flow") return buildInteraction("process", "process", { flow: fields });
  return { elements: [buildElement(kind, { name: "Single", ...fields })], flows: [] };
}

/** A rule set holding only these rules. */
export function buildRuleSet(...rules: Rule[]): RuleSet {
  return { id: "test-set", name: "Test set", description: "", rules };
}
