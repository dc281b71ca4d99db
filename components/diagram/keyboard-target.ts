import type { RenameTarget } from "./canvas-context";

/** Whether a key press lands in a text field, where keys type text instead of commands. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * Whether a key press is meant for the canvas inside `root`: pressed on the page itself or
 * inside the editor, outside text fields and dialogs, and not Enter on a button or link.
 */
export function isCanvasKeyEvent(event: KeyboardEvent, root: HTMLElement | null): boolean {
  if (event.defaultPrevented || isTextEntry(event.target)) return false;
  // Enter on a button or link activates it; it is not a rename.
  if (event.key === "Enter" && event.target instanceof Element) {
    if (event.target.closest("button, a[href], summary")) return false;
  }
  const target = event.target;
  const isOnPage = target === document.body || target === document.documentElement;
  if (!root || !(isOnPage || (target instanceof Node && root.contains(target)))) return false;
  return !(target instanceof Element && target.closest("[role=dialog]"));
}

/** The element or data flow whose node or edge holds (or is) `target`, or null. */
export function getFocusedTarget(
  target: EventTarget | null,
  elementIds: { has: (id: string) => boolean },
  flowIds: { has: (id: string) => boolean },
): RenameTarget | null {
  if (!(target instanceof Element)) return null;
  const item = target.closest<HTMLElement>(".react-flow__node, .react-flow__edge");
  const id = item?.dataset.id;
  if (!id) return null;
  if (elementIds.has(id)) return { type: "element", id };
  return flowIds.has(id) ? { type: "flow", id } : null;
}
