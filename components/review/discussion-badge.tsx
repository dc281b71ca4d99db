"use client";

import type { ThreadTargetKind } from "@/lib/review/targets";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { ChatIcon } from "@/components/ui/icons";
import { useDiscussionContext, useOpenThreadCount } from "./use-discussion";

/**
 * The number of open threads on an element, flow, threat or mitigation; a click opens them
 * in the Discussion tab. Nothing when there are none.
 */
export function DiscussionBadge({
  kind,
  id,
  name,
  className,
}: {
  kind: ThreadTargetKind;
  id: string;
  /** The target's name, for the accessible label. */
  name: string;
  className?: string;
}) {
  const context = useDiscussionContext();
  const count = useOpenThreadCount(kind, id);
  if (!context || count === 0) return null;
  const label = `${count} open ${count === 1 ? "thread" : "threads"} on ${name || "this"}`;
  return (
    <button
      type="button"
      title={label}
      aria-label={label}
      data-discussion-badge={`${kind}:${id}`}
      onClick={(event) => {
        event.stopPropagation();
        context.openDiscussion({ target: { kind, id } });
      }}
      className={cx(
        "nodrag nopan inline-flex items-center gap-0.5 rounded-full bg-amber-100 px-1.5 py-0.5 text-[11px] leading-none font-semibold text-amber-900 ring-1 ring-amber-300 hover:bg-amber-200",
        FOCUS_RING,
        className,
      )}
    >
      <ChatIcon className="size-3" />
      {count}
    </button>
  );
}
