import { STRIDE_CATEGORIES, type StrideCategory } from "@/lib/model/threats";

/**
 * Which STRIDE categories a facilitated session walks for each element and each flow: STRIDE
 * per element (Hernan, Lambert, Ostwald and Shostack, 2006), and for a flow, the categories of
 * the flow itself plus those of the interaction it carries (who sends to whom), after
 * Shostack's per-interaction table. Results keep the S-T-R-I-D-E order.
 */

/** The kinds of element a flow can join (a trust boundary is never an end). */
export type FlowEndKind = "external-entity" | "process" | "data-store";

/** What the per-element table needs of an element. */
export interface ApplicabilityElement {
  kind: FlowEndKind | "trust-boundary";
  /** Data stores only: a store of logs or audit data can be repudiated. */
  holdsLogs?: boolean;
}

const S = "spoofing";
const T = "tampering";
const R = "repudiation";
const I = "information-disclosure";
const D = "denial-of-service";
const E = "elevation-of-privilege";

/** In S-T-R-I-D-E order, without repeats. */
function ordered(categories: Iterable<StrideCategory>): StrideCategory[] {
  const set = new Set(categories);
  return STRIDE_CATEGORIES.filter((category) => set.has(category));
}

/** STRIDE per element; a trust boundary gets none (it is walked through its flows). */
export function categoriesForElement(element: ApplicabilityElement): StrideCategory[] {
  switch (element.kind) {
    case "external-entity":
      return [S, R];
    case "process":
      return [...STRIDE_CATEGORIES];
    case "data-store":
      return element.holdsLogs === true ? [T, R, I, D] : [T, I, D];
    case "trust-boundary":
      return [];
  }
}

/** The flow's own categories: a flow can be tampered with, read and blocked. */
const FLOW_ITSELF: readonly StrideCategory[] = [T, I, D];

/**
 * The categories of a flow from `source` to `target`: the flow's own, and those the
 * interaction brings to either end (e.g. a process fed by an external entity can be spoofed,
 * flooded and elevated; the entity can deny having sent).
 */
export function categoriesForFlow(source: FlowEndKind, target: FlowEndKind): StrideCategory[] {
  const categories: StrideCategory[] = [...FLOW_ITSELF];
  const add = (...more: StrideCategory[]) => categories.push(...more);
  if (target === "process") {
    if (source === "external-entity") add(S, D, E, R, I);
    if (source === "process") add(S, R, D, E);
    if (source === "data-store") add(S, T, D, E, R, I);
  }
  if (source === "process") {
    if (target === "data-store") add(S, I, T, R, D);
    if (target === "process") add(S, R, I, D, E);
    if (target === "external-entity") add(S, R, I, D);
  }
  return ordered(categories);
}
