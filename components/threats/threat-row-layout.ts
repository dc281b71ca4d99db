import type { CSSProperties } from "react";

/**
 * How dense the threat list is: "comfortable" rows hold the category and status selects and the
 * row actions on one line; "compact" rows are one line of text (about 17 px), so a hundred
 * threats take two screens. Both open the details with Enter or a click on the title.
 */
export type ThreatRowDensity = "comfortable" | "compact";

/**
 * The columns of the list, shared by the header and every row so that they line up: selection
 * (when editable), category code, title, target, then per density the risk and the fields.
 */
function listColumns(density: ThreatRowDensity, isReadOnly: boolean): string[] {
  const selection = isReadOnly ? [] : [density === "compact" ? "0.875rem" : "1rem"];
  if (density === "compact") {
    return [...selection, "1.25rem", "minmax(0,1fr)", "11rem", "8rem", "12rem", "9rem"];
  }
  // Fixed, not auto: the header has no buttons to size an auto column by.
  const actions = isReadOnly ? "4.75rem" : "7rem";
  return [...selection, "1.75rem", "minmax(0,1fr)", "11rem", "13rem", "10rem", actions];
}

/** The style that sets the grid's columns (used from the lg breakpoint up, see ROW_GRID). */
export function threatColumnsStyle(density: ThreatRowDensity, isReadOnly: boolean): CSSProperties {
  return { "--threat-columns": listColumns(density, isReadOnly).join(" ") } as CSSProperties;
}

/** From 1024 px rows and header are a grid on the shared columns; below, rows wrap. */
export const ROW_GRID = "lg:grid lg:[grid-template-columns:var(--threat-columns)] lg:items-center";

/** The header's column names, per density (the selection column has none). */
export function threatColumnNames(density: ThreatRowDensity): string[] {
  return density === "compact"
    ? ["", "Threat", "Target", "Risk", "Category", "Status"]
    : ["", "Threat", "Target", "Category", "Status", ""];
}
