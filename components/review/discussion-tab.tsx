"use client";

import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import type * as Y from "yjs";
import { describeTarget } from "@/lib/review/target-names";
import { TARGET_KIND_LABELS, targetKey, type ThreadTarget } from "@/lib/review/targets";
import type { ThreadSummary } from "@/lib/review/schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format-date";
import { ChatIcon, PlusIcon } from "@/components/ui/icons";
import { SkeletonList } from "@/components/ui/skeleton";
import {
  DISCUSSION_ABOUT_PARAM,
  DISCUSSION_THREAD_PARAM,
  buildDiscussionUrl,
  parseAboutParam,
} from "./discussion-links";
import {
  DISCUSSION_FILTER_LABELS,
  DISCUSSION_FILTERS,
  matchesFilter,
  type DiscussionFilter,
} from "./discussion-store";
import { NewThreadForm } from "./new-thread-form";
import { ThreadView } from "./thread-view";
import { useDiscussionContext } from "./use-discussion";

const MODEL_TARGET: ThreadTarget = { kind: "model", id: "" };

/** "Threat “SQL injection”", "The model": a target as the Discussion tab names it. */
function labelOf(doc: Y.Doc | null, target: ThreadTarget): { label: string; name: string | null } {
  if (target.kind === "model") return { label: "the model", name: "" };
  const found = doc ? describeTarget(doc, target) : null;
  const kind = TARGET_KIND_LABELS[target.kind];
  return found
    ? { label: `${kind} “${found.name || "unnamed"}”`, name: found.name }
    : { label: `a ${kind} no longer in the model`, name: null };
}

function replaceUrl(href: string) {
  if (href !== window.location.href) window.history.pushState(null, "", href);
}

/**
 * The model-wide Discussion view: its threads, filtered (open, resolved, mine, mentions me)
 * and optionally narrowed to one target, beside the open thread; new threads about the model
 * or the target. Thread and target are kept in the URL, so links from the inbox and email
 * open them.
 */
export function DiscussionTab({
  doc,
  onShowTarget,
}: {
  doc: Y.Doc | null;
  /** Shows a thread's target in its own tab (diagram, threats, mitigations). */
  onShowTarget: (target: ThreadTarget) => void;
}) {
  const context = useDiscussionContext();
  const searchParams = useSearchParams();
  const threadId = searchParams.get(DISCUSSION_THREAD_PARAM);
  const about = parseAboutParam(searchParams.get(DISCUSSION_ABOUT_PARAM));
  const [filter, setFilter] = useState<DiscussionFilter>("open");
  const [isComposing, setIsComposing] = useState(false);
  const threads = context?.discussion.threads;
  const userId = context?.userId ?? "";
  const visible = useMemo(
    () =>
      (threads ?? []).filter(
        (thread) =>
          matchesFilter(thread, filter, userId) &&
          (about === null || targetKey(thread.target) === targetKey(about)),
      ),
    [threads, filter, userId, about],
  );
  if (!context) return null;
  const { discussion, canComment } = context;

  if (typeof discussion.status === "object") {
    return (
      <Alert
        tone="danger"
        title="The discussion could not be loaded"
        action={
          <Button variant="secondary" size="sm" onClick={discussion.retry}>
            Try again
          </Button>
        }
      >
        {discussion.status.error}
      </Alert>
    );
  }

  const newTarget = about ?? MODEL_TARGET;
  const selected = threadId ? discussion.threads.find((t) => t.id === threadId) : undefined;
  const open = (id: string) => {
    setIsComposing(false);
    replaceUrl(
      buildDiscussionUrl(window.location.href, { threadId: id, target: about ?? undefined }),
    );
  };

  return (
    <div className="grid min-h-[28rem] gap-4 lg:grid-cols-[22rem_1fr]">
      <section
        aria-label="Threads"
        className="flex min-h-0 flex-col rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
      >
        <div className="space-y-3 border-b border-slate-200 p-3">
          <div className="flex items-center justify-between gap-2">
            <h2 className="text-sm font-semibold text-slate-900">Discussion</h2>
            {canComment ? (
              <Button size="sm" icon={<PlusIcon />} onClick={() => setIsComposing(true)}>
                New thread
              </Button>
            ) : null}
          </div>
          <div role="group" aria-label="Show" className="flex flex-wrap gap-1">
            {DISCUSSION_FILTERS.map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={filter === option}
                onClick={() => setFilter(option)}
                className={cx(
                  "rounded-full px-2.5 py-1 text-xs font-medium",
                  FOCUS_RING,
                  filter === option
                    ? "bg-indigo-600 text-white"
                    : "bg-slate-100 text-slate-700 hover:bg-slate-200",
                )}
              >
                {DISCUSSION_FILTER_LABELS[option]}
              </button>
            ))}
          </div>
          {about ? (
            <p className="flex items-center justify-between gap-2 rounded-md bg-indigo-50 px-2 py-1 text-xs text-indigo-900">
              <span>About {labelOf(doc, about).label}</span>
              <button
                type="button"
                className="font-medium underline-offset-2 hover:underline"
                onClick={() => replaceUrl(buildDiscussionUrl(window.location.href, {}))}
              >
                Show all
              </button>
            </p>
          ) : null}
        </div>
        {discussion.status === "loading" ? (
          <div className="p-3">
            <SkeletonList rows={4} label="Loading the threads" />
          </div>
        ) : visible.length === 0 ? (
          <div className="p-4">
            <EmptyState
              headingLevel={3}
              icon={<ChatIcon />}
              title={
                filter === "open"
                  ? "No open threads"
                  : `Nothing under “${DISCUSSION_FILTER_LABELS[filter]}”`
              }
              description={
                canComment
                  ? "Start a thread to ask a question or raise a concern; the people it concerns are told."
                  : "Threads that members start appear here."
              }
            />
          </div>
        ) : (
          <ul className="min-h-0 flex-1 divide-y divide-slate-100 overflow-y-auto">
            {visible.map((thread) => (
              <ThreadRow
                key={thread.id}
                thread={thread}
                aboutLabel={labelOf(doc, thread.target).label}
                isSelected={thread.id === threadId}
                onOpen={() => open(thread.id)}
              />
            ))}
          </ul>
        )}
      </section>
      <section
        aria-label="Thread"
        className="min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      >
        {isComposing ? (
          <NewThreadForm
            target={newTarget}
            aboutLabel={labelOf(doc, newTarget).label}
            onCreated={(thread) => open(thread.id)}
            onCancel={() => setIsComposing(false)}
          />
        ) : threadId ? (
          <ThreadView
            key={threadId}
            threadId={threadId}
            targetName={selected ? labelOf(doc, selected.target).name : null}
            onShowTarget={selected ? () => onShowTarget(selected.target) : undefined}
          />
        ) : (
          <EmptyState
            headingLevel={3}
            icon={<ChatIcon />}
            title="Pick a thread"
            description="Threads open here, with their messages and a reply box."
          />
        )}
      </section>
    </div>
  );
}

function ThreadRow({
  thread,
  aboutLabel,
  isSelected,
  onOpen,
}: {
  thread: ThreadSummary;
  aboutLabel: string;
  isSelected: boolean;
  onOpen: () => void;
}) {
  const people = thread.participants.map((p) => p.name).join(", ");
  return (
    <li>
      <button
        type="button"
        onClick={onOpen}
        aria-current={isSelected ? "true" : undefined}
        className={cx(
          "block w-full px-3 py-2.5 text-left hover:bg-slate-50",
          FOCUS_RING,
          isSelected && "bg-indigo-50/70",
        )}
      >
        <span className="flex items-baseline justify-between gap-2">
          <span className="truncate text-sm font-medium text-slate-900">{thread.subject}</span>
          <span className="shrink-0 text-xs text-slate-500">{thread.messageCount}</span>
        </span>
        <span className="block truncate text-xs text-slate-600">About {aboutLabel}</span>
        <span className="mt-0.5 flex items-center justify-between gap-2 text-xs text-slate-500">
          <span className="truncate">{people}</span>
          <time dateTime={thread.lastMessageAt} className="shrink-0">
            {thread.isResolved ? "Resolved · " : ""}
            {formatDateTime(thread.lastMessageAt)}
          </time>
        </span>
      </button>
    </li>
  );
}
