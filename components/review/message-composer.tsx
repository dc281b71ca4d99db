"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import { mentionToken } from "@/lib/review/mentions";
import { REVIEW_LIMITS } from "@/lib/review/schemas";
import type { Member } from "@/components/api/schemas";
import { Button } from "@/components/ui/button";
import { cx, FOCUS_RING } from "@/components/ui/class-names";

export interface MessageComposerProps {
  /** The textarea's accessible name, e.g. "Reply". */
  label: string;
  members: readonly Member[];
  /** The text to start from (a quote). */
  initialText?: string;
  submitLabel: string;
  /** Sends the text; the composer empties when it resolves and keeps the text when it throws. */
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
  placeholder?: string;
  autoFocus?: boolean;
}

const MENTION_QUERY = /(^|\s)@([^\s@[\]]{0,30})$/;

/**
 * A Markdown text box for discussion messages: typing "@" offers the model's members (arrow
 * keys and Enter or Tab to pick, Escape to dismiss) and inserts a mention; Ctrl+Enter (⌘+Enter)
 * sends.
 */
export function MessageComposer({
  label,
  members,
  initialText = "",
  submitLabel,
  onSubmit,
  onCancel,
  placeholder,
  autoFocus,
}: MessageComposerProps) {
  const id = useId();
  const listId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initialText);
  const [caret, setCaret] = useState(initialText.length);
  const [isSending, setIsSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const [isPickerDismissed, setIsPickerDismissed] = useState(false);

  const query = MENTION_QUERY.exec(text.slice(0, caret));
  const matches =
    query && !isPickerDismissed
      ? members
          .filter((member) => {
            const needle = (query[2] ?? "").toLowerCase();
            return (
              member.name.toLowerCase().includes(needle) ||
              member.email.toLowerCase().startsWith(needle)
            );
          })
          .slice(0, 6)
      : [];

  function pick(member: Member) {
    if (!query) return;
    const start = caret - (query[2] ?? "").length - 1;
    const token = `${mentionToken({ id: member.userId, name: member.name || member.email })} `;
    const next = text.slice(0, start) + token + text.slice(caret);
    setText(next);
    const position = start + token.length;
    setCaret(position);
    requestAnimationFrame(() => {
      textRef.current?.focus();
      textRef.current?.setSelectionRange(position, position);
    });
  }

  async function submit() {
    if (text.trim() === "" || isSending) return;
    setIsSending(true);
    setError(null);
    try {
      await onSubmit(text);
      setText("");
      setCaret(0);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The message could not be sent.");
    } finally {
      setIsSending(false);
    }
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (matches.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setHighlighted((index) => (index + step + matches.length) % matches.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        const member = matches[Math.min(highlighted, matches.length - 1)];
        if (member) {
          event.preventDefault();
          pick(member);
          return;
        }
      }
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        setIsPickerDismissed(true);
        return;
      }
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <div className="relative">
        <textarea
          ref={textRef}
          id={id}
          value={text}
          rows={3}
          maxLength={REVIEW_LIMITS.bodyLength}
          placeholder={placeholder ?? "Write in Markdown; @ mentions a member"}
          autoFocus={autoFocus}
          role="combobox"
          aria-expanded={matches.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          onChange={(event) => {
            setText(event.target.value);
            setCaret(event.target.selectionStart);
            setHighlighted(0);
            setIsPickerDismissed(false);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={handleKeyDown}
          className={cx(
            "block w-full resize-y rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400",
            FOCUS_RING,
          )}
        />
        {matches.length > 0 ? (
          <ul
            id={listId}
            role="listbox"
            aria-label="Members"
            className="absolute bottom-full left-0 z-20 mb-1 w-64 overflow-hidden rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200"
          >
            {matches.map((member, index) => (
              <li
                key={member.userId}
                role="option"
                aria-selected={index === highlighted}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(member);
                }}
                className={cx(
                  "cursor-pointer px-3 py-1.5 text-sm",
                  index === highlighted ? "bg-indigo-50 text-indigo-900" : "text-slate-700",
                )}
              >
                <span className="font-medium">{member.name || member.email}</span>{" "}
                <span className="text-xs text-slate-500">{member.email}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-slate-500">Markdown · @ to mention · Ctrl+Enter to send</p>
        <div className="flex gap-2">
          {onCancel ? (
            <Button type="button" variant="ghost" size="sm" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" size="sm" isLoading={isSending} disabled={text.trim() === ""}>
            {submitLabel}
          </Button>
        </div>
      </div>
    </form>
  );
}
