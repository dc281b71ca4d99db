import { lazy } from "@/lib/lazy";
import { compareSeverity } from "@/lib/risk/severity";
import type { ModelDreadScale } from "@/lib/model/meta";
import {
  STRIDE_CATEGORIES,
  STRIDE_CATEGORY_LABELS,
  THREAT_STATUSES,
  THREAT_STATUS_LABELS,
  getThreatRisk,
  type StrideCategory,
  type Threat,
  type ThreatSeverity,
  type ThreatStatus,
} from "@/lib/model/threats";
import { describeThreatTarget, type ThreatTargetIndex } from "./threat-targets";

/*
 * What the threat list shows: filtering, sorting and grouping as pure functions of the threats
 * and the viewer's choices, so the views only draw.
 */

/** Orders of the list. */
export const THREAT_SORTS = ["newest", "oldest", "title", "risk", "severity"] as const;
export type ThreatSort = (typeof THREAT_SORTS)[number];

export const THREAT_SORT_LABELS: Record<ThreatSort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  title: "Title (A to Z)",
  risk: "Risk (high to low)",
  severity: "Severity (critical first)",
};

/** How the list is split into sections. */
export const THREAT_GROUPINGS = ["none", "category", "status", "element"] as const;
export type ThreatGrouping = (typeof THREAT_GROUPINGS)[number];

export const THREAT_GROUPING_LABELS: Record<ThreatGrouping, string> = {
  none: "No grouping",
  category: "STRIDE category",
  status: "Status",
  element: "Element or data flow",
};

/** The review filter: every threat, only those flagged for review, or only those not flagged. */
export const REVIEW_FILTERS = ["all", "needs-review", "reviewed"] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

/** The severity filter also finds threats nobody rated yet. */
export type SeverityFilter = ThreatSeverity | "unrated" | "all";

/** The viewer's choices: filters (all must match), text search, order and grouping. */
export interface ThreatQuery {
  /** Words that must all appear in the title, description, asset or impact (any case). */
  search: string;
  category: StrideCategory | "all";
  status: ThreatStatus | "all";
  severity: SeverityFilter;
  review: ReviewFilter;
  /** Threats whose element or flow is drawn on this diagram (an id), or "all". */
  diagram: string;
  /** Threats targeting this element or data flow (an id), or "all". */
  target: string;
  sort: ThreatSort;
  groupBy: ThreatGrouping;
}

/** Everything shown, newest first, not grouped. */
export const DEFAULT_THREAT_QUERY: ThreatQuery = {
  search: "",
  category: "all",
  status: "all",
  severity: "all",
  review: "all",
  diagram: "all",
  target: "all",
  sort: "newest",
  groupBy: "none",
};

/** True when any filter or the search hides threats (order and grouping hide nothing). */
export function hasActiveFilters(query: ThreatQuery): boolean {
  return (
    query.search.trim() !== "" ||
    query.category !== "all" ||
    query.status !== "all" ||
    query.severity !== "all" ||
    query.review !== "all" ||
    query.diagram !== "all" ||
    query.target !== "all"
  );
}

/** The query with every filter and the search reset; order and grouping are kept. */
export function clearFilters(query: ThreatQuery): ThreatQuery {
  return {
    ...DEFAULT_THREAT_QUERY,
    sort: query.sort,
    groupBy: query.groupBy,
  };
}

function toSearchTerms(search: string): string[] {
  return search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

/** True when every word of `search` appears in the threat's title, description, asset or impact. */
export function matchesSearch(threat: Threat, search: string): boolean {
  const terms = toSearchTerms(search);
  if (terms.length === 0) return true;
  const text = [threat.title, threat.description, threat.asset, threat.impact]
    .join("\n")
    .toLocaleLowerCase();
  return terms.every((term) => text.includes(term));
}

const NO_TARGETS: ThreatTargetIndex = new Map();

/** True when the threat's element or flow is drawn on the diagram the query names. */
function isOnDiagram(threat: Threat, diagramId: string, targets: ThreatTargetIndex): boolean {
  if (diagramId === "all") return true;
  if (threat.targetId === null) return false;
  return targets.get(threat.targetId)?.diagramId === diagramId;
}

/**
 * The threats that pass every filter of the query and its search, in their given order.
 * `targets` resolves the diagram filter (a threat is on the diagram of its element or flow).
 */
export function filterThreats(
  threats: readonly Threat[],
  query: ThreatQuery,
  targets: ThreatTargetIndex = NO_TARGETS,
): Threat[] {
  return threats.filter(
    (threat) =>
      (query.category === "all" || threat.category === query.category) &&
      (query.status === "all" || threat.status === query.status) &&
      (query.severity === "all" ||
        (query.severity === "unrated"
          ? threat.severity === null
          : threat.severity === query.severity)) &&
      (query.review === "all" || threat.needsReview === (query.review === "needs-review")) &&
      (query.target === "all" || threat.targetId === query.target) &&
      isOnDiagram(threat, query.diagram, targets) &&
      matchesSearch(threat, query.search),
  );
}

const getTitleCollator = lazy(
  () => new Intl.Collator(undefined, { sensitivity: "base", numeric: true }),
);

function compareNewest(a: Threat, b: Threat): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Most severe first; not rated last. */
function compareSeverityOrUnrated(a: Threat, b: Threat): number {
  if (a.severity === b.severity) return 0;
  if (a.severity === null) return 1;
  if (b.severity === null) return -1;
  return compareSeverity(a.severity, b.severity);
}

/**
 * The threats in the chosen order (a new array). Ties fall back to newest first, so every
 * screen shows the same order. "risk" puts the highest DREAD score on the model's scale first
 * and threats without a complete rating last; "severity" puts critical first, unrated last.
 */
export function sortThreats(
  threats: readonly Threat[],
  sort: ThreatSort,
  scale: ModelDreadScale,
): Threat[] {
  const sorted = [...threats];
  switch (sort) {
    case "newest":
      return sorted.sort(compareNewest);
    case "oldest":
      return sorted.sort((a, b) => -compareNewest(a, b));
    case "title":
      return sorted.sort(
        (a, b) => getTitleCollator().compare(a.title, b.title) || compareNewest(a, b),
      );
    case "severity":
      return sorted.sort((a, b) => compareSeverityOrUnrated(a, b) || compareNewest(a, b));
    case "risk": {
      const riskOf = new Map(
        threats.map((threat) => [threat.id, getThreatRisk(threat, scale)?.value ?? -1]),
      );
      return sorted.sort(
        (a, b) =>
          (riskOf.get(b.id) ?? -1) - (riskOf.get(a.id) ?? -1) ||
          compareSeverityOrUnrated(a, b) ||
          compareNewest(a, b),
      );
    }
  }
}

/** One section of a grouped list. */
export interface ThreatGroup {
  /** "all" when not grouped; else the category, status or target id ("none": no target). */
  key: string;
  label: string;
  threats: Threat[];
}

/** One column of the board: the threats with one status. */
export interface StatusColumn {
  status: ThreatStatus;
  label: string;
  threats: Threat[];
}

/** The board's columns, one per status in lifecycle order (empty ones included), order kept. */
export function groupThreatsByStatus(threats: readonly Threat[]): StatusColumn[] {
  return THREAT_STATUSES.map((status) => ({
    status,
    label: THREAT_STATUS_LABELS[status],
    threats: threats.filter((threat) => threat.status === status),
  }));
}

/**
 * Splits threats (already filtered and sorted) into sections in the method's order: STRIDE
 * order for categories, the status lifecycle for statuses, target names A to Z for elements
 * (threats with no target last); empty sections are left out. Not grouped: one section holding
 * everything.
 */
export function groupThreats(
  threats: readonly Threat[],
  groupBy: ThreatGrouping,
  targets: ThreatTargetIndex = NO_TARGETS,
): ThreatGroup[] {
  let groups: ThreatGroup[];
  switch (groupBy) {
    case "none":
      return [{ key: "all", label: "All threats", threats: [...threats] }];
    case "category":
      groups = STRIDE_CATEGORIES.map((category) => ({
        key: category,
        label: STRIDE_CATEGORY_LABELS[category],
        threats: threats.filter((threat) => threat.category === category),
      }));
      break;
    case "status":
      groups = groupThreatsByStatus(threats).map(({ status, label, threats: members }) => ({
        key: status,
        label,
        threats: members,
      }));
      break;
    case "element": {
      const byTarget = new Map<string, ThreatGroup>();
      for (const threat of threats) {
        const key = threat.targetId ?? "none";
        const group = byTarget.get(key);
        if (group) group.threats.push(threat);
        else
          byTarget.set(key, {
            key,
            label: describeThreatTarget(threat, targets),
            threats: [threat],
          });
      }
      return [...byTarget.values()].sort(
        (a, b) =>
          Number(a.key === "none") - Number(b.key === "none") ||
          getTitleCollator().compare(a.label, b.label) ||
          (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
      );
    }
  }
  return groups.filter((group) => group.threats.length > 0);
}

/** Filters, sorts and groups in one go: what a list view renders. */
export function queryThreats(
  threats: readonly Threat[],
  query: ThreatQuery,
  scale: ModelDreadScale,
  targets: ThreatTargetIndex = NO_TARGETS,
): { visible: Threat[]; groups: ThreatGroup[] } {
  const visible = sortThreats(filterThreats(threats, query, targets), query.sort, scale);
  return { visible, groups: groupThreats(visible, query.groupBy, targets) };
}

/** The next status on the board, left (-1) or right (+1) of `status`; null at either end. */
export function getAdjacentStatus(status: ThreatStatus, step: -1 | 1): ThreatStatus | null {
  return THREAT_STATUSES[THREAT_STATUSES.indexOf(status) + step] ?? null;
}
