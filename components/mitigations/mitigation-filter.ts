import {
  CONTROL_FUNCTION_LABELS,
  CONTROL_TYPE_LABELS,
  MITIGATION_STATUS_LABELS,
  type Mitigation,
} from "@/lib/model/mitigations";
import { STRIDE_CATEGORY_CODES, type Threat } from "@/lib/model/threats";
import type { SelectOption } from "@/components/ui/select";
import { isSameCell, type ControlCell } from "./control-matrix";
import { matchesSearch } from "./search-text";

/** Which threat links a listed mitigation must have. */
export type LinkFilter =
  | { kind: "any" }
  /** Linked to no threat that still exists. */
  | { kind: "none" }
  | { kind: "threat"; threatId: string };

/** What the mitigation list shows; every part narrows it further. */
export interface MitigationFilter {
  /** Words to find in the title, description, owner, labels or linked threats' titles. */
  query: string;
  /** Only mitigations of this type and function (a cell of the matrix). */
  cell: ControlCell | null;
  link: LinkFilter;
}

export const EMPTY_MITIGATION_FILTER: MitigationFilter = {
  query: "",
  cell: null,
  link: { kind: "any" },
};

/** True when the filter hides anything (whitespace-only queries hide nothing). */
export function isFilterActive(filter: MitigationFilter): boolean {
  return filter.query.trim() !== "" || filter.cell !== null || filter.link.kind !== "any";
}

/**
 * The filter with dangling parts dropped: a threat filter whose threat was deleted (by someone
 * else, while this filter was on) would otherwise hide every mitigation for no visible reason.
 */
export function resolveFilter(
  filter: MitigationFilter,
  threatsById: ReadonlyMap<string, Threat>,
): MitigationFilter {
  if (filter.link.kind === "threat" && !threatsById.has(filter.link.threatId)) {
    return { ...filter, link: { kind: "any" } };
  }
  return filter;
}

/** The mitigations the filter lets through, in the order given. */
export function filterMitigations(
  mitigations: readonly Mitigation[],
  filter: MitigationFilter,
  threatsById: ReadonlyMap<string, Threat>,
): Mitigation[] {
  const { query, cell, link } = resolveFilter(filter, threatsById);
  return mitigations.filter((mitigation) => {
    if (cell !== null && !isSameCell(cell, mitigation)) return false;
    const linkedThreats = mitigation.threatIds.flatMap((id) => {
      const threat = threatsById.get(id);
      return threat ? [threat] : [];
    });
    if (link.kind === "none" && linkedThreats.length > 0) return false;
    if (link.kind === "threat" && !mitigation.threatIds.includes(link.threatId)) return false;
    return matchesSearch(
      [
        mitigation.title,
        mitigation.description,
        mitigation.owner,
        CONTROL_TYPE_LABELS[mitigation.controlType],
        CONTROL_FUNCTION_LABELS[mitigation.controlFunction],
        MITIGATION_STATUS_LABELS[mitigation.status],
        ...linkedThreats.map((threat) => threat.title),
      ],
      query,
    );
  });
}

/** The filter with this cell, or without any cell when it was the selected one (a toggle). */
export function toggleCellFilter(filter: MitigationFilter, cell: ControlCell): MitigationFilter {
  return { ...filter, cell: isSameCell(filter.cell, cell) ? null : cell };
}

/** Short phrases naming the active parts of the filter, for the list's summary line. */
export function describeFilter(
  filter: MitigationFilter,
  threatsById: ReadonlyMap<string, Threat>,
): string[] {
  const { query, cell, link } = resolveFilter(filter, threatsById);
  const parts: string[] = [];
  if (cell !== null) {
    parts.push(
      `${CONTROL_TYPE_LABELS[cell.controlType]} ${CONTROL_FUNCTION_LABELS[cell.controlFunction].toLowerCase()}`,
    );
  }
  if (link.kind === "none") parts.push("linked to no threat");
  if (link.kind === "threat") {
    const threat = threatsById.get(link.threatId);
    if (threat) parts.push(`linked to “${threat.title}”`);
  }
  if (query.trim() !== "") parts.push(`matching “${query.trim()}”`);
  return parts;
}

/** The link filter as a select value: "" any, "none", or "threat:<id>". */
export function encodeLinkFilter(link: LinkFilter): string {
  switch (link.kind) {
    case "any":
      return "";
    case "none":
      return "none";
    case "threat":
      return `threat:${link.threatId}`;
  }
}

/** The link filter of a select value; anything unknown reads as "any". */
export function decodeLinkFilter(value: string): LinkFilter {
  if (value === "none") return { kind: "none" };
  if (value.startsWith("threat:") && value.length > "threat:".length) {
    return { kind: "threat", threatId: value.slice("threat:".length) };
  }
  return { kind: "any" };
}

/** The options of the "Linked threat" filter: any, none, then each threat with its letter. */
export function buildLinkFilterOptions(threats: readonly Threat[]): SelectOption[] {
  return [
    { value: "", label: "Any threat" },
    { value: "none", label: "No linked threat" },
    ...threats.map((threat) => ({
      value: encodeLinkFilter({ kind: "threat", threatId: threat.id }),
      label: `${STRIDE_CATEGORY_CODES[threat.category]} · ${threat.title}`,
    })),
  ];
}
