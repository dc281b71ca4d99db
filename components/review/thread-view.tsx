"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";
import { useEffect, useState } from "react";
import { quoteForReply } from "@/lib/review/reply-text";
import type { ThreadMessage } from "@/lib/review/schemas";
import { TARGET_KIND_LABELS } from "@/lib/review/targets";
import { ApiError, getErrorMessage } from "@/components/api/api-client";
import {
  editThreadMessage,
  listMessageEdits,
  markThreadRead,
  setThreadResolved,
} from "@/components/api/review-endpoints";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format-date";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { MessageComposer } from "./message-composer";
import { PART_LOADERS } from "@/components/app/part-loaders";
import { useDiscussionContext } from "./use-discussion";

/**
 * Messages are Markdown: the renderer (markdown-it, some 90 KB of script) loads the first time a
 * thread is shown, not with every page that can show one.
 */
const MessageBody = dynamic(() => PART_LOADERS.messageBody().then((module) => module.MessageBody), {
  loading: () => <Skeleton className="my-1.5 h-4 w-2/3" />,
});

export interface ThreadViewProps {
  threadId: string;
  /** The name of what the thread is about, read from the document; null when it is gone. */
  targetName: string | null;
  /** Shows the thread's target (selects it on the diagram, opens the threat…). */
  onShowTarget?: () => void;
}

/**
 * One thread, as in a mail client: subject, what it is about, its messages oldest first with
 * quotes, edits (and their history) and the reply box; resolve and reopen. Opening it marks
 * its inbox items read.
 */
export function ThreadView({ threadId, targetName, onShowTarget }: ThreadViewProps) {
  const context = useDiscussionContext();
  const { notify } = useToast();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [replySeed, setReplySeed] = useState<{ text: string; quotedId: string } | null>(null);
  const [isChanging, setIsChanging] = useState(false);
  const detail = context?.discussion.details[threadId] ?? null;
  const loadThread = context?.discussion.loadThread;

  useEffect(() => {
    if (!loadThread) return;
    setLoadError(null);
    loadThread(threadId).catch((caught: unknown) => setLoadError(getErrorMessage(caught)));
    markThreadRead(threadId).catch(() => undefined);
  }, [threadId, loadThread]);

  if (!context) return null;
  if (loadError) {
    return (
      <p role="alert" className="p-4 text-sm text-red-700">
        {loadError}
      </p>
    );
  }
  if (!detail) return <Spinner label="Loading the thread" />;
  const { canComment, userId, discussion, sendMessage } = context;

  async function toggleResolved() {
    if (!detail) return;
    setIsChanging(true);
    try {
      await setThreadResolved(detail.id, !detail.isResolved);
    } catch (caught) {
      notify({ tone: "danger", message: getErrorMessage(caught) });
    } finally {
      setIsChanging(false);
    }
  }

  async function reply(body: string) {
    try {
      const message = await sendMessage({
        threadId,
        body,
        ...(replySeed ? { quotedId: replySeed.quotedId } : {}),
      });
      discussion.acceptMessage(message);
      setReplySeed(null);
    } catch (caught) {
      const text =
        caught instanceof ApiError || !(caught instanceof Error)
          ? getErrorMessage(caught)
          : caught.message;
      throw new Error(text, { cause: caught });
    }
  }

  const about =
    detail.target.kind === "model"
      ? "The model as a whole"
      : `${TARGET_KIND_LABELS[detail.target.kind].replace(/^./, (c) => c.toUpperCase())}: ${targetName ?? "no longer in the model"}`;

  return (
    <article aria-labelledby={`thread-${detail.id}`} className="flex min-h-0 flex-col gap-4">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 pb-3">
        <div className="min-w-0">
          <h3 id={`thread-${detail.id}`} className="text-base font-semibold text-slate-900">
            {detail.subject}
          </h3>
          <p className="mt-0.5 text-sm text-slate-600">
            {onShowTarget && targetName !== null ? (
              <button
                type="button"
                onClick={onShowTarget}
                className="text-indigo-700 underline-offset-2 hover:underline"
              >
                {about}
              </button>
            ) : (
              about
            )}
          </p>
        </div>
        <div className="flex items-center gap-2">
          {detail.isResolved ? (
            <Badge tone="success">
              Resolved{detail.resolvedBy ? ` by ${detail.resolvedBy.name}` : ""}
            </Badge>
          ) : (
            <Badge tone="accent">Open</Badge>
          )}
          {canComment ? (
            <Button variant="secondary" size="sm" isLoading={isChanging} onClick={toggleResolved}>
              {detail.isResolved ? "Reopen" : "Resolve"}
            </Button>
          ) : null}
        </div>
      </header>
      <ol aria-label="Messages" className="space-y-4">
        {detail.messages.map((message) => (
          <MessageItem
            key={message.id}
            message={message}
            quoted={detail.messages.find((m) => m.id === message.quotedId) ?? null}
            isOwn={message.author?.id === userId}
            canComment={canComment}
            onQuote={() =>
              setReplySeed({
                text: quoteForReply(message.body, message.author?.name ?? "Someone"),
                quotedId: message.id,
              })
            }
          />
        ))}
      </ol>
      {canComment ? (
        <div className="border-t border-slate-200 pt-3">
          <MessageComposer
            key={replySeed?.quotedId ?? "reply"}
            label={`Reply to ${detail.subject}`}
            members={discussion.members}
            initialText={replySeed?.text ?? ""}
            submitLabel="Reply"
            autoFocus={replySeed !== null}
            onSubmit={reply}
            {...(replySeed ? { onCancel: () => setReplySeed(null) } : {})}
          />
        </div>
      ) : (
        <p className="border-t border-slate-200 pt-3 text-sm text-slate-500">
          As a viewer you can read the discussion; commenters and editors write in it.
        </p>
      )}
    </article>
  );
}

function MessageItem({
  message,
  quoted,
  isOwn,
  canComment,
  onQuote,
}: {
  message: ThreadMessage;
  quoted: ThreadMessage | null;
  isOwn: boolean;
  canComment: boolean;
  onQuote: () => void;
}) {
  const [isEditing, setIsEditing] = useState(false);
  const [history, setHistory] = useState<{ body: string; writtenAt: string }[] | null>(null);
  const author = message.author?.name ?? "Former member";
  return (
    <li className="flex gap-3" data-message-id={message.id}>
      <Avatar name={author} userId={message.author?.id ?? author} size="sm" />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <span className="font-medium text-slate-900">{author}</span>
          <time dateTime={message.createdAt} className="text-xs text-slate-500">
            {formatDateTime(message.createdAt)}
          </time>
          {message.source === "email" ? (
            <span className="text-xs text-slate-500">by email</span>
          ) : null}
          {message.editedAt ? (
            <button
              type="button"
              className="text-xs text-slate-500 underline-offset-2 hover:underline"
              aria-expanded={history !== null}
              onClick={() => {
                if (history) setHistory(null);
                else
                  listMessageEdits(message.threadId, message.id)
                    .then(setHistory)
                    .catch(() => setHistory([]));
              }}
            >
              edited {formatDateTime(message.editedAt)}
            </button>
          ) : null}
        </p>
        {quoted && !message.body.trimStart().startsWith(">") ? (
          <blockquote className="mt-1 border-l-2 border-slate-300 pl-3 text-xs text-slate-500">
            In reply to {quoted.author?.name ?? "a message"}
          </blockquote>
        ) : null}
        {isEditing ? (
          <div className="mt-1">
            <MessageComposer
              label="Edit your message"
              members={[]}
              initialText={message.body}
              submitLabel="Save"
              autoFocus
              onCancel={() => setIsEditing(false)}
              onSubmit={async (body) => {
                try {
                  await editThreadMessage(message.threadId, message.id, body);
                  setIsEditing(false);
                } catch (caught) {
                  throw new Error(getErrorMessage(caught), { cause: caught });
                }
              }}
            />
          </div>
        ) : (
          <MessageBody body={message.body} className="mt-0.5" />
        )}
        {history ? (
          <div className="mt-2 rounded-md bg-slate-50 p-2 text-xs text-slate-600">
            <p className="font-medium">Earlier versions</p>
            {history.length === 0 ? <p>None could be loaded.</p> : null}
            <ol className="mt-1 space-y-2">
              {history.map((entry) => (
                <li key={entry.writtenAt}>
                  <p className="text-slate-500">{formatDateTime(entry.writtenAt)}</p>
                  <MessageBody body={entry.body} className="text-xs" />
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        {canComment && !isEditing ? (
          <div className="mt-1 flex gap-1">
            <Button variant="ghost" size="sm" onClick={onQuote}>
              Quote
            </Button>
            {isOwn ? (
              <Button variant="ghost" size="sm" onClick={() => setIsEditing(true)}>
                Edit
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
    </li>
  );
}
