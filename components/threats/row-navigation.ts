import type { KeyboardEvent } from "react";

/*
 * Keyboard movement between the rows of the threat list and the cards of the board: the rows
 * are focusable elements marked with data attributes, and arrow keys move focus among them.
 */

/** Marks a list row (value: the threat id). */
export const ROW_SELECTOR = "[data-threat-row]";
/** Marks a board card (value: the threat id). */
export const CARD_SELECTOR = "[data-threat-card]";
/** Marks a board column. */
export const COLUMN_SELECTOR = "[data-board-column]";

/** The focus ring of a focusable row or card, drawn inside its box. */
export const ROW_FOCUS_CLASSES =
  "outline-none focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600";

/**
 * Where a key moves focus in a list of `count` items from `current`: ArrowDown and ArrowUp one
 * step (stopping at the ends), Home and End to the ends. Null for any other key.
 */
export function getNextIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case "ArrowDown":
      return Math.min(current + 1, count - 1);
    case "ArrowUp":
      return Math.max(current - 1, 0);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

function isPlainKey(event: KeyboardEvent): boolean {
  return !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
}

/**
 * Handles a keydown that bubbled to `container`: when it happened on a row itself (not on a
 * control inside it), moves focus to the row the key points at. Rows are found in page order,
 * across groups.
 */
export function moveFocusBetweenRows(container: HTMLElement, event: KeyboardEvent): void {
  const { target } = event;
  if (!(target instanceof HTMLElement) || !target.matches(ROW_SELECTOR) || !isPlainKey(event)) {
    return;
  }
  const rows = Array.from(container.querySelectorAll<HTMLElement>(ROW_SELECTOR));
  const next = getNextIndex(event.key, rows.indexOf(target), rows.length);
  if (next === null) return;
  event.preventDefault();
  rows[next]?.focus();
}

/**
 * The board's version: ArrowUp / ArrowDown / Home / End within a column, ArrowLeft /
 * ArrowRight to the nearest card of the next column that has cards.
 */
export function moveFocusBetweenCards(container: HTMLElement, event: KeyboardEvent): void {
  const { target } = event;
  if (!(target instanceof HTMLElement) || !target.matches(CARD_SELECTOR) || !isPlainKey(event)) {
    return;
  }
  const columns = Array.from(container.querySelectorAll<HTMLElement>(COLUMN_SELECTOR));
  const cardsOf = (column: HTMLElement | undefined) =>
    column ? Array.from(column.querySelectorAll<HTMLElement>(CARD_SELECTOR)) : [];
  const columnIndex = columns.findIndex((column) => column.contains(target));
  const cards = cardsOf(columns[columnIndex]);
  const index = cards.indexOf(target);
  if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
    const step = event.key === "ArrowLeft" ? -1 : 1;
    for (let next = columnIndex + step; next >= 0 && next < columns.length; next += step) {
      const nextCards = cardsOf(columns[next]);
      if (nextCards.length === 0) continue;
      event.preventDefault();
      nextCards[Math.min(index, nextCards.length - 1)]?.focus();
      return;
    }
    return;
  }
  const next = getNextIndex(event.key, index, cards.length);
  if (next === null) return;
  event.preventDefault();
  cards[next]?.focus();
}
