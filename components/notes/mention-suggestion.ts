import { ReactRenderer } from "@tiptap/react";
import type { SuggestionOptions, SuggestionProps } from "@tiptap/suggestion";
import type * as Y from "yjs";
import { findMentionables, type Mentionable } from "@/lib/model/notes";
import { MentionMenu, type MentionMenuHandle, type MentionMenuProps } from "./mention-menu";

/** The gap between the typed `#query` and the menu below it, in pixels. */
const MENU_OFFSET = 6;

/** Places the menu under the typed text, or above it when it would leave the window. */
function placeMenu(element: HTMLElement, rect: DOMRect | null): void {
  if (rect === null) return;
  element.style.position = "fixed";
  element.style.zIndex = "60";
  element.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - 320))}px`;
  const below = rect.bottom + MENU_OFFSET;
  const height = element.offsetHeight;
  const fitsBelow = below + height <= window.innerHeight;
  element.style.top = `${fitsBelow ? below : Math.max(8, rect.top - MENU_OFFSET - height)}px`;
}

/**
 * The `#` menu of the notes: what the model has whose name contains the typed text, read from
 * the live document on every keystroke (so it offers what was added a moment ago). Arrow keys
 * move, Enter or Tab picks, Escape closes.
 */
export function createMentionSuggestion(
  doc: Y.Doc,
): Omit<SuggestionOptions<Mentionable>, "editor"> {
  return {
    char: "#",
    allowSpaces: true,
    items: ({ query }) => findMentionables(doc, query),
    command: ({ editor, range, props }) => {
      editor
        .chain()
        .focus()
        .insertContentAt(range, [
          { type: "mention", attrs: { id: props.id, kind: props.kind, label: props.name } },
          { type: "text", text: " " },
        ])
        .run();
    },
    render: () => {
      let renderer: ReactRenderer<MentionMenuHandle, MentionMenuProps> | null = null;
      const toMenuProps = (props: SuggestionProps<Mentionable>): MentionMenuProps => ({
        items: props.items,
        query: props.query,
        onPick: (item) => props.command(item),
      });
      return {
        onStart: (props) => {
          renderer = new ReactRenderer(MentionMenu, {
            props: toMenuProps(props),
            editor: props.editor,
          });
          document.body.appendChild(renderer.element);
          placeMenu(renderer.element, props.clientRect?.() ?? null);
        },
        onUpdate: (props) => {
          renderer?.updateProps(toMenuProps(props));
          if (renderer) placeMenu(renderer.element, props.clientRect?.() ?? null);
        },
        onKeyDown: ({ event }) => {
          if (event.key === "Escape") {
            renderer?.element.remove();
            return true;
          }
          return renderer?.ref?.onKeyDown(event) ?? false;
        },
        onExit: () => {
          renderer?.element.remove();
          renderer?.destroy();
          renderer = null;
        },
      };
    },
  };
}
