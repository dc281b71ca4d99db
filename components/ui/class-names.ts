/** Joins class names, skipping falsy entries, so conditional classes read as one expression. */
export function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}

/** The focus ring every interactive element shares: visible on keyboard focus only. */
export const FOCUS_RING =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
