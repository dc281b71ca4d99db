"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { useId, useState, type ReactNode } from "react";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { normalizeLinkInput } from "./link-url";

function ToolbarButton({
  label,
  shortcut,
  isActive = false,
  onClick,
  children,
}: {
  label: string;
  shortcut?: string;
  isActive?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={isActive}
      title={shortcut ? `${label} (${shortcut})` : label}
      // Keep the editor's selection: the command applies to what was selected.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
      className={cx(
        "min-w-8 rounded px-2 py-1 text-sm",
        FOCUS_RING,
        isActive ? "bg-indigo-100 text-indigo-800" : "text-slate-700 hover:bg-slate-100",
      )}
    >
      {children}
    </button>
  );
}

function Separator() {
  return <span aria-hidden className="mx-1 h-5 w-px bg-slate-200" />;
}

/**
 * The notes' formatting toolbar: headings, marks, lists and checklists, tables, code, links,
 * and the decision and action-item blocks. Each button says whether it is active
 * (aria-pressed) and names its keyboard shortcut where it has one.
 */
export function NotesToolbar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      h1: current.isActive("heading", { level: 1 }),
      h2: current.isActive("heading", { level: 2 }),
      h3: current.isActive("heading", { level: 3 }),
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      code: current.isActive("code"),
      bulletList: current.isActive("bulletList"),
      orderedList: current.isActive("orderedList"),
      taskList: current.isActive("taskList"),
      codeBlock: current.isActive("codeBlock"),
      table: current.isActive("table"),
      link: current.isActive("link"),
      decision: current.isActive("decision"),
      actionItem: current.isActive("actionItem"),
      href: (current.getAttributes("link").href as string | undefined) ?? "",
    }),
  });
  const [linkDraft, setLinkDraft] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const linkId = useId();
  const chain = () => editor.chain().focus();

  function applyLink() {
    if (linkDraft === null) return;
    if (linkDraft.trim() === "") {
      chain().extendMarkRange("link").unsetLink().run();
      setLinkDraft(null);
      return;
    }
    const href = normalizeLinkInput(linkDraft);
    if (href === null) {
      setLinkError("Use an http, https or mailto address.");
      return;
    }
    chain().extendMarkRange("link").setLink({ href }).run();
    setLinkDraft(null);
    setLinkError(null);
  }

  return (
    <div className="border-b border-slate-200 bg-slate-50 px-2 py-1">
      <div role="toolbar" aria-label="Formatting" className="flex flex-wrap items-center gap-0.5">
        <ToolbarButton
          label="Heading 1"
          shortcut="Ctrl+Alt+1"
          isActive={state.h1}
          onClick={() => chain().toggleHeading({ level: 1 }).run()}
        >
          H1
        </ToolbarButton>
        <ToolbarButton
          label="Heading 2"
          shortcut="Ctrl+Alt+2"
          isActive={state.h2}
          onClick={() => chain().toggleHeading({ level: 2 }).run()}
        >
          H2
        </ToolbarButton>
        <ToolbarButton
          label="Heading 3"
          shortcut="Ctrl+Alt+3"
          isActive={state.h3}
          onClick={() => chain().toggleHeading({ level: 3 }).run()}
        >
          H3
        </ToolbarButton>
        <Separator />
        <ToolbarButton
          label="Bold"
          shortcut="Ctrl+B"
          isActive={state.bold}
          onClick={() => chain().toggleBold().run()}
        >
          <strong>B</strong>
        </ToolbarButton>
        <ToolbarButton
          label="Italic"
          shortcut="Ctrl+I"
          isActive={state.italic}
          onClick={() => chain().toggleItalic().run()}
        >
          <em>I</em>
        </ToolbarButton>
        <ToolbarButton
          label="Inline code"
          shortcut="Ctrl+E"
          isActive={state.code}
          onClick={() => chain().toggleCode().run()}
        >
          <code>`</code>
        </ToolbarButton>
        <ToolbarButton
          label="Link"
          isActive={state.link}
          onClick={() => {
            setLinkError(null);
            setLinkDraft(linkDraft === null ? state.href : null);
          }}
        >
          Link
        </ToolbarButton>
        <Separator />
        <ToolbarButton
          label="Bulleted list"
          shortcut="Ctrl+Shift+8"
          isActive={state.bulletList}
          onClick={() => chain().toggleBulletList().run()}
        >
          • List
        </ToolbarButton>
        <ToolbarButton
          label="Numbered list"
          shortcut="Ctrl+Shift+7"
          isActive={state.orderedList}
          onClick={() => chain().toggleOrderedList().run()}
        >
          1. List
        </ToolbarButton>
        <ToolbarButton
          label="Checklist"
          shortcut="Ctrl+Shift+9"
          isActive={state.taskList}
          onClick={() => chain().toggleTaskList().run()}
        >
          ☐ Checklist
        </ToolbarButton>
        <ToolbarButton
          label="Code block"
          shortcut="Ctrl+Alt+C"
          isActive={state.codeBlock}
          onClick={() => chain().toggleCodeBlock().run()}
        >
          {"{ }"}
        </ToolbarButton>
        <ToolbarButton
          label={state.table ? "Delete table" : "Insert table"}
          isActive={state.table}
          onClick={() =>
            state.table
              ? chain().deleteTable().run()
              : chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()
          }
        >
          {state.table ? "Delete table" : "Table"}
        </ToolbarButton>
        {state.table ? (
          <>
            <ToolbarButton label="Add row" onClick={() => chain().addRowAfter().run()}>
              + Row
            </ToolbarButton>
            <ToolbarButton label="Add column" onClick={() => chain().addColumnAfter().run()}>
              + Column
            </ToolbarButton>
          </>
        ) : null}
        <Separator />
        <ToolbarButton
          label="Decision"
          isActive={state.decision}
          onClick={() => chain().toggleDecision().run()}
        >
          Decision
        </ToolbarButton>
        <ToolbarButton
          label="Action item"
          isActive={state.actionItem}
          onClick={() => chain().toggleActionItem().run()}
        >
          Action item
        </ToolbarButton>
      </div>
      {linkDraft !== null ? (
        <form
          className="mt-1 flex flex-wrap items-center gap-2 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            applyLink();
          }}
        >
          <label htmlFor={linkId} className="text-slate-700">
            Link address
          </label>
          <input
            id={linkId}
            autoFocus
            value={linkDraft}
            onChange={(event) => {
              setLinkDraft(event.target.value);
              setLinkError(null);
            }}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                setLinkDraft(null);
                editor.commands.focus();
              }
            }}
            placeholder="https://…"
            aria-invalid={linkError !== null}
            aria-describedby={linkError ? `${linkId}-error` : undefined}
            className="w-72 rounded border border-slate-300 px-2 py-0.5"
          />
          <button
            type="submit"
            className={cx("rounded bg-indigo-600 px-2 py-0.5 text-white", FOCUS_RING)}
          >
            Apply
          </button>
          {state.link ? (
            <button
              type="button"
              onClick={() => {
                chain().extendMarkRange("link").unsetLink().run();
                setLinkDraft(null);
              }}
              className={cx("rounded px-2 py-0.5 text-slate-700 hover:bg-slate-100", FOCUS_RING)}
            >
              Remove link
            </button>
          ) : null}
          {linkError ? (
            <span id={`${linkId}-error`} role="alert" className="text-red-700">
              {linkError}
            </span>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
