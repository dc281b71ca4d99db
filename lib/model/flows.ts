import type * as Y from "yjs";
import { z } from "zod";
import { compareStrings, createEntityMap } from "./entity-map";
import type { EntityChange, WithoutId } from "./entity-map";
import { answerSchema, idSchema, longTextSchema, nameSchema, shortTextSchema } from "./fields";
import { getElement } from "./element-records";
import { getFlowsMap } from "./roots";
import { failValidation, parseInput } from "./validation";

/** Whether a flow carries control traffic (configuration, administration) or user data (AWS). */
export const FLOW_PLANES = ["control", "data"] as const;
export type FlowPlane = (typeof FLOW_PLANES)[number];

export const FLOW_PLANE_LABELS: Record<FlowPlane, string> = {
  control: "Control plane",
  data: "Data plane",
};

const editableFlowShape = {
  sourceId: idSchema,
  targetId: idSchema,
  name: nameSchema,
  /** How the data travels: "HTTPS", "SOAP", "AMQP"... */
  protocol: shortTextSchema,
  /** What travels: "session token", "SQL string", "user credentials"... */
  dataCarried: shortTextSchema,
  authenticated: answerSchema,
  encrypted: answerSchema,
  /** Forgery protection (e.g. anti-CSRF tokens, signed messages) is enabled. */
  forgeryProtection: answerSchema,
  plane: z.enum(FLOW_PLANES),
  /** Drawn with arrows at both ends: the response travels back on the same flow. */
  bidirectional: z.boolean(),
  /** Position in the diagram's numbered sequence of flows; null when not numbered. */
  sequence: z.number().int().nonnegative().nullable(),
  outOfScope: z.boolean(),
  /** Why the flow is out of scope; expected when outOfScope is true. */
  outOfScopeReason: longTextSchema,
};

/** A stored data flow. Its diagram is the diagram of its source element. */
export const flowSchema = z.object({
  id: idSchema,
  diagramId: idSchema,
  ...editableFlowShape,
  /**
   * Elements of the sub-diagram of a process at either end that carry this flow there: each is
   * joined to the flow's stub on that sub-diagram. A set (concurrent links merge); written only
   * through linkStubElement (stub-links.ts), which checks the element. Ids may dangle when an
   * element is deleted: readers keep only the elements they find. Absent in flows stored before
   * links existed: read as none.
   */
  innerElementIds: z.array(idSchema).default([]),
});
export type Flow = z.infer<typeof flowSchema>;

/** "3. Card details" for a numbered flow, the name alone otherwise: how diagrams label a flow. */
export function formatFlowLabel(flow: Pick<Flow, "name" | "sequence">): string {
  const name = flow.name.trim();
  if (flow.sequence === null) return name;
  return name === "" ? `${flow.sequence}.` : `${flow.sequence}. ${name}`;
}

/**
 * The order flows are listed in: numbered ones first by sequence, then by id. It depends on the
 * records alone, so every peer orders a diagram's flows the same way, whatever order they
 * arrived in.
 */
export function compareFlows(
  a: Pick<Flow, "id" | "sequence">,
  b: Pick<Flow, "id" | "sequence">,
): number {
  return (
    (a.sequence ?? Number.MAX_SAFE_INTEGER) - (b.sequence ?? Number.MAX_SAFE_INTEGER) ||
    compareStrings(a.id, b.id)
  );
}

/** The values of fields not given on creation, and of stored fields that fail validation. */
export const FLOW_DEFAULTS: WithoutId<Flow> = {
  diagramId: "",
  sourceId: "",
  targetId: "",
  name: "",
  protocol: "",
  dataCarried: "",
  authenticated: null,
  encrypted: null,
  forgeryProtection: null,
  plane: "data",
  bidirectional: false,
  sequence: null,
  outOfScope: false,
  outOfScopeReason: "",
  innerElementIds: [],
};

/** A change to a flow; reconnecting (new sourceId/targetId) is allowed within its diagram. */
export const flowPatchSchema = z.strictObject(editableFlowShape).partial();
export type FlowPatch = z.input<typeof flowPatchSchema>;

/** A new flow: source and target required, the rest defaults. */
export const newFlowInputSchema = flowPatchSchema.required({ sourceId: true, targetId: true });
export type NewFlowInput = z.input<typeof newFlowInputSchema>;

const flows = createEntityMap<Flow>({
  noun: "data flow",
  getRoot: getFlowsMap,
  schema: flowSchema,
  getDefaults: () => FLOW_DEFAULTS,
  setFields: ["innerElementIds"],
  compare: compareFlows,
});

/** The diagram id of an element that can end a flow; throws when it is missing or a boundary. */
function getEndpointDiagramId(doc: Y.Doc, elementId: string, path: string): string {
  const element = getElement(doc, elementId);
  if (element === null) failValidation("data flow", path, "No element has this id");
  if (element.kind === "trust-boundary") {
    failValidation("data flow", path, "A trust boundary cannot be the end of a data flow");
  }
  return element.diagramId;
}

/** Checks both ends and returns the diagram they share. */
function resolveFlowDiagram(doc: Y.Doc, sourceId: string, targetId: string): string {
  if (sourceId === targetId) failValidation("data flow", "targetId", "A flow needs two elements");
  const diagramId = getEndpointDiagramId(doc, sourceId, "sourceId");
  if (getEndpointDiagramId(doc, targetId, "targetId") !== diagramId) {
    failValidation("data flow", "targetId", "Both ends must be on the same diagram");
  }
  return diagramId;
}

/** Every readable data flow, numbered ones first by sequence, then by id. */
export function listFlows(doc: Y.Doc): Flow[] {
  return flows.list(doc);
}

/** The data flows drawn on one diagram. */
export function listFlowsOfDiagram(doc: Y.Doc, diagramId: string): Flow[] {
  return flows.list(doc).filter((flow) => flow.diagramId === diagramId);
}

/** The data flow with this id, or null when absent or unreadable. */
export function getFlow(doc: Y.Doc, id: string): Flow | null {
  return flows.get(doc, id);
}

/**
 * Adds a data flow between two elements (not trust boundaries) of one diagram and returns its
 * id. Throws AppError("bad_request") for invalid input or endpoints.
 */
export function addFlow(doc: Y.Doc, input: NewFlowInput): string {
  const parsed = parseInput(newFlowInputSchema, input, "data flow");
  const diagramId = resolveFlowDiagram(doc, parsed.sourceId, parsed.targetId);
  return flows.insert(doc, FLOW_DEFAULTS, { ...parsed, diagramId });
}

/**
 * Applies `patch`, writing only changed fields; returns whether anything changed. New endpoints
 * must be on the flow's diagram. Throws AppError("bad_request") or AppError("not_found").
 */
export function updateFlow(doc: Y.Doc, id: string, patch: FlowPatch): boolean {
  const parsed = parseInput(flowPatchSchema, patch, "data flow");
  return flows.update(doc, id, (current) => {
    if (parsed.sourceId !== undefined || parsed.targetId !== undefined) {
      const diagramId = resolveFlowDiagram(
        doc,
        parsed.sourceId ?? current.sourceId,
        parsed.targetId ?? current.targetId,
      );
      if (diagramId !== current.diagramId) {
        failValidation("data flow", "sourceId", "A flow cannot move to another diagram");
      }
    }
    return parsed;
  });
}

/**
 * Adds (`isLinked` true) or removes `elementId` in the flow's innerElementIds; returns whether
 * it changed. Checks only that the flow exists: stub-links.ts checks that the element belongs to
 * a sub-diagram of one of the flow's ends. Throws AppError("not_found").
 */
export function setFlowInnerElement(
  doc: Y.Doc,
  flowId: string,
  elementId: string,
  isLinked: boolean,
): boolean {
  const id = parseInput(idSchema, elementId, "data flow");
  return flows.setMember(doc, flowId, "innerElementIds", id, isLinked);
}

/** Deletes the data flow; false when it did not exist. Threats targeting it keep their targetId. */
export function deleteFlow(doc: Y.Doc, id: string): boolean {
  return flows.remove(doc, id);
}

/** Deletes every flow that starts or ends at this element; returns how many. */
export function deleteFlowsOfElement(doc: Y.Doc, elementId: string): number {
  let count = 0;
  doc.transact(() => {
    for (const flow of flows.list(doc)) {
      if (flow.sourceId === elementId || flow.targetId === elementId) {
        if (flows.remove(doc, flow.id)) count += 1;
      }
    }
  });
  return count;
}

/** Calls `onChange` after every transaction touching data flows; returns unsubscribe. */
export function observeFlows(doc: Y.Doc, onChange: (change: EntityChange) => void): () => void {
  return flows.observe(doc, onChange);
}
