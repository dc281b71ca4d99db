"use client";

import { getCoverage, type CoverageState, type SessionState } from "@/lib/facilitation/session";
import {
  STRIDE_CATEGORIES,
  STRIDE_CATEGORY_CODES,
  STRIDE_CATEGORY_LABELS,
} from "@/lib/model/threats";
import { cx } from "@/components/ui/class-names";

const CELL: Record<CoverageState, { mark: string; label: string; className: string }> = {
  "not-visited": { mark: "·", label: "not visited", className: "text-slate-400" },
  found: { mark: "●", label: "threats found", className: "bg-red-50 text-red-700" },
  "none-found": {
    mark: "✓",
    label: "discussed, none found",
    className: "bg-emerald-50 text-emerald-700",
  },
  skipped: { mark: "–", label: "skipped", className: "bg-slate-100 text-slate-500" },
};

/**
 * The coverage matrix of a session: each agenda item against the STRIDE categories, each cell
 * not visited, discussed with threats found, discussed with none found, or skipped (its reason
 * in the tooltip). Categories that do not apply to an item are blank.
 */
export function CoverageMatrix({ state }: { state: SessionState }) {
  return (
    <table className="w-full text-xs" aria-label="Coverage">
      <thead>
        <tr>
          <th scope="col" className="py-1 pr-2 text-left font-medium text-slate-600">
            Item
          </th>
          {STRIDE_CATEGORIES.map((category) => (
            <th
              key={category}
              scope="col"
              title={STRIDE_CATEGORY_LABELS[category]}
              className="w-7 py-1 text-center font-medium text-slate-600"
            >
              {STRIDE_CATEGORY_CODES[category]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {state.agenda.map((item, index) => (
          <tr
            key={item.targetId}
            className={cx(index === state.itemIndex && state.phase === "find" && "font-semibold")}
          >
            <th
              scope="row"
              className="max-w-48 truncate py-0.5 pr-2 text-left font-normal text-slate-800"
            >
              {item.name || "(unnamed)"}
            </th>
            {STRIDE_CATEGORIES.map((category) => {
              if (!item.categories.includes(category)) return <td key={category} />;
              const cell = CELL[getCoverage(state, item.targetId, category)];
              const reason =
                state.coverage[item.targetId]?.[category]?.reason ??
                state.skippedItems[item.targetId];
              const label = `${item.name}, ${STRIDE_CATEGORY_LABELS[category]}: ${cell.label}${reason ? ` (${reason})` : ""}`;
              return (
                <td key={category} className="text-center">
                  <span
                    role="img"
                    aria-label={label}
                    title={label}
                    className={cx("inline-block w-6 rounded", cell.className)}
                  >
                    {cell.mark}
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
