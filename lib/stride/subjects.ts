import type { DiagramElement, Flow } from "../model";
import type { RuleElementKind } from "./rule-types";

/** An element or a data flow as rules see it: its kind, scope flag and fields by name. */
export interface RuleSubject {
  id: string;
  kind: RuleElementKind;
  diagramId: string;
  isOutOfScope: boolean;
  /** Every stored field, looked up by name by conditions and templates (own keys only). */
  fields: Readonly<Record<string, unknown>>;
}

/** The rule subject of a DFD element. */
export function toElementSubject(element: DiagramElement): RuleSubject {
  return {
    id: element.id,
    kind: element.kind,
    diagramId: element.diagramId,
    isOutOfScope: element.outOfScope,
    fields: element,
  };
}

/** The rule subject of a data flow (kind "data-flow"). */
export function toFlowSubject(flow: Flow): RuleSubject {
  return {
    id: flow.id,
    kind: "data-flow",
    diagramId: flow.diagramId,
    isOutOfScope: flow.outOfScope,
    fields: flow,
  };
}
