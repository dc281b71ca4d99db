"use client";

import { useState } from "react";
import { targetKey, type ThreadTarget } from "@/lib/review/targets";
import { Button } from "@/components/ui/button";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { ChatIcon } from "@/components/ui/icons";
import { NewThreadForm } from "./new-thread-form";
import { useDiscussionContext } from "./use-discussion";

/**
 * The threads of one element, flow or threat, beside its properties: open ones first, each a
 * link into the Discussion tab, and "Start a thread" for those who may write.
 */
export function TargetThreads({ target, name }: { target: ThreadTarget; name: string }) {
  const context = useDiscussionContext();
  const [isComposing, setIsComposing] = useState(false);
  if (!context) return null;
  const { discussion, canComment, openDiscussion } = context;
  const key = targetKey(target);
  const threads = discussion.threads
    .filter((thread) => targetKey(thread.target) === key)
    .sort((a, b) => Number(a.isResolved) - Number(b.isResolved));

  return (
    <section
      aria-label={`Discussion of ${name || "the selection"}`}
      className="space-y-2 border-t border-slate-200 pt-4"
    >
      <div className="flex items-center justify-between gap-2">
        <h3 className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
          <ChatIcon /> Discussion
        </h3>
        {canComment && !isComposing ? (
          <Button variant="secondary" size="sm" onClick={() => setIsComposing(true)}>
            Start a thread
          </Button>
        ) : null}
      </div>
      {isComposing ? (
        <NewThreadForm
          target={target}
          aboutLabel={name || "this"}
          onCreated={(thread) => {
            setIsComposing(false);
            openDiscussion({ threadId: thread.id, target });
          }}
          onCancel={() => setIsComposing(false)}
        />
      ) : threads.length === 0 ? (
        <p className="text-sm text-slate-500">No threads yet.</p>
      ) : (
        <ul className="space-y-1">
          {threads.map((thread) => (
            <li key={thread.id}>
              <button
                type="button"
                onClick={() => openDiscussion({ threadId: thread.id, target })}
                className={cx(
                  "flex w-full items-baseline justify-between gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-50",
                  FOCUS_RING,
                )}
              >
                <span
                  className={cx(
                    "truncate",
                    thread.isResolved ? "text-slate-500 line-through" : "text-slate-900",
                  )}
                >
                  {thread.subject}
                </span>
                <span className="shrink-0 text-xs text-slate-500">
                  {thread.messageCount} {thread.messageCount === 1 ? "message" : "messages"}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
