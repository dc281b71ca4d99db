import { mergeAttributes, Node, type Extensions } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { TaskItem, TaskList } from "@tiptap/extension-list";
import Mention from "@tiptap/extension-mention";
import { TableKit } from "@tiptap/extension-table";
import { Placeholder } from "@tiptap/extensions";
import { ReactNodeViewRenderer } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { NOTE_NODE_NAMES, parseMentionKind } from "@/lib/model/notes";
import { getNotesFragment } from "@/lib/model/roots";
import type { CollabUser } from "@/components/workspace/collab-session";
import { isSafeLinkUrl } from "./link-url";
import { createMentionSuggestion } from "./mention-suggestion";
import { MentionView } from "./mention-view";
import { ActionItemView, DecisionView } from "./note-item-views";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    noteItems: {
      /** Turns the current block into a decision, or back into a paragraph. */
      toggleDecision: () => ReturnType;
      /** Turns the current block into an action item, or back into a paragraph. */
      toggleActionItem: () => ReturnType;
    };
  }
}

/** A string attribute stored as `data-<name>` in HTML (copy and paste), absent when empty. */
function dataAttribute(name: string) {
  return {
    default: null,
    parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}`),
    renderHTML: (attributes: Record<string, unknown>) => {
      const value =
        attributes[name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())];
      return typeof value === "string" && value !== "" ? { [`data-${name}`]: value } : {};
    },
  };
}

/**
 * A decision taken in the meeting: one block of text, optionally linked to a threat (the
 * threat then counts it). Enter at its end continues with a plain paragraph.
 */
const Decision = Node.create({
  name: NOTE_NODE_NAMES.decision,
  group: "block",
  content: "inline*",
  defining: true,
  addAttributes() {
    return { threatId: dataAttribute("threat-id") };
  },
  parseHTML() {
    return [{ tag: `div[data-type="${NOTE_NODE_NAMES.decision}"]` }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["div", mergeAttributes(HTMLAttributes, { "data-type": NOTE_NODE_NAMES.decision }), 0];
  },
  addNodeView() {
    return ReactNodeViewRenderer(DecisionView);
  },
  addCommands() {
    return {
      toggleDecision:
        () =>
        ({ commands }) =>
          commands.toggleNode(this.name, "paragraph"),
    };
  },
});

/** An action item: what (the text), who, when it is due, done or not, and a linked threat. */
const ActionItem = Node.create({
  name: NOTE_NODE_NAMES.actionItem,
  group: "block",
  content: "inline*",
  defining: true,
  addAttributes() {
    return {
      threatId: dataAttribute("threat-id"),
      assignee: dataAttribute("assignee"),
      due: dataAttribute("due"),
      done: {
        default: false,
        parseHTML: (element: HTMLElement) => element.getAttribute("data-done") === "true",
        renderHTML: (attributes: Record<string, unknown>) =>
          attributes.done === true ? { "data-done": "true" } : {},
      },
    };
  },
  parseHTML() {
    return [{ tag: `div[data-type="${NOTE_NODE_NAMES.actionItem}"]` }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["div", mergeAttributes(HTMLAttributes, { "data-type": NOTE_NODE_NAMES.actionItem }), 0];
  },
  addNodeView() {
    return ReactNodeViewRenderer(ActionItemView);
  },
  addCommands() {
    return {
      toggleActionItem:
        () =>
        ({ commands }) =>
          commands.toggleNode(this.name, "paragraph"),
    };
  },
});

/**
 * A `#` mention of a threat, element, flow or mitigation. It stores the target's kind and id
 * and the name it had when written (shown only once the target is gone); the view shows the
 * current name, so renames follow.
 */
function createMention(doc: Y.Doc) {
  return Mention.extend({
    addAttributes() {
      return {
        ...this.parent?.(),
        kind: {
          default: null,
          parseHTML: (element: HTMLElement) => parseMentionKind(element.getAttribute("data-kind")),
          renderHTML: (attributes: Record<string, unknown>) =>
            typeof attributes.kind === "string" ? { "data-kind": attributes.kind } : {},
        },
      };
    },
    addNodeView() {
      return ReactNodeViewRenderer(MentionView, { as: "span" });
    },
  }).configure({
    suggestion: createMentionSuggestion(doc),
    renderText: ({ node }) => `#${String(node.attrs.label ?? "")}`,
  });
}

export interface NotesExtensionsOptions {
  doc: Y.Doc;
  /** The room's presence: other people's carets. Null for a version opened read-only. */
  awareness: Awareness | null;
  user: CollabUser | null;
}

/**
 * The notes editor's schema and behaviour, bound to the document's `notes` fragment.
 * Undo and redo come from the collaboration binding (each person undoes only their own
 * changes); links are followed only for http, https and mailto, and any other link that a
 * peer writes into the document renders without its address.
 */
export function buildNotesExtensions({ doc, awareness, user }: NotesExtensionsOptions): Extensions {
  const extensions: Extensions = [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: "https",
        protocols: [],
        isAllowedUri: (url) => isSafeLinkUrl(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: "_blank" },
      },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: false } }),
    Placeholder.configure({
      placeholder:
        "Write the meeting notes… Type # to mention a threat, element, flow or mitigation.",
    }),
    Decision,
    ActionItem,
    createMention(doc),
    Collaboration.configure({ fragment: getNotesFragment(doc) }),
  ];
  if (awareness !== null && user !== null) {
    extensions.push(
      CollaborationCaret.configure({
        provider: { awareness },
        user: { id: user.id, name: user.name, color: user.color },
      }),
    );
  }
  return extensions;
}
