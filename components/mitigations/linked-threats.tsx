"use client";

import { STRIDE_CATEGORY_LABELS } from "@/lib/model/threats";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { CloseIcon } from "@/components/ui/icons";
import type { LinkedThreat } from "./threat-links";

export interface LinkedThreatsProps {
  /** The title of the mitigation, to name the list and its buttons. */
  mitigationTitle: string;
  threats: readonly LinkedThreat[];
  isReadOnly: boolean;
  onUnlink: (threatId: string) => void;
}

/**
 * The threats a mitigation addresses, each with its STRIDE letter; a threat deleted by someone
 * else reads "deleted threat" and can still be unlinked.
 */
export function LinkedThreats({
  mitigationTitle,
  threats,
  isReadOnly,
  onUnlink,
}: LinkedThreatsProps) {
  if (threats.length === 0) {
    return <p className="text-xs text-slate-500">Not linked to any threat yet.</p>;
  }
  return (
    <ul aria-label={`Threats linked to ${mitigationTitle}`} className="flex flex-wrap gap-1.5">
      {threats.map((threat) => {
        const name = threat.isDeleted ? "deleted threat" : threat.title;
        return (
          <li
            key={threat.id}
            className={cx(
              "inline-flex max-w-full items-center gap-1.5 rounded-md py-0.5 pr-1 pl-0.5 text-xs ring-1",
              threat.isDeleted
                ? "bg-slate-50 text-slate-500 ring-slate-200"
                : "bg-white text-slate-800 ring-slate-300",
            )}
          >
            <span
              aria-hidden="true"
              title={threat.isDeleted ? undefined : STRIDE_CATEGORY_LABELS[threat.category]}
              className={cx(
                "flex size-5 shrink-0 items-center justify-center rounded font-semibold",
                threat.isDeleted ? "bg-slate-200 text-slate-600" : "bg-indigo-50 text-indigo-800",
              )}
            >
              {threat.isDeleted ? "?" : threat.code}
            </span>
            {threat.isDeleted ? null : (
              <span className="sr-only">{STRIDE_CATEGORY_LABELS[threat.category]}: </span>
            )}
            <span className={cx("min-w-0 truncate", threat.isDeleted && "italic")}>{name}</span>
            {isReadOnly ? null : (
              <button
                type="button"
                aria-label={`Unlink ${name} from ${mitigationTitle}`}
                title="Unlink"
                onClick={() => onUnlink(threat.id)}
                className={cx(
                  "flex size-5 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-900",
                  FOCUS_RING,
                )}
              >
                <CloseIcon className="size-3.5" />
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
