import { z } from "zod";

// Control characters (C0, DEL, C1): never part of a name or a title, and NUL cannot be stored in
// a PostgreSQL text column at all.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Invisible characters that make a name read differently from what it is: the bidirectional
 * controls (embeddings, overrides, isolates and marks, as in "Trojan Source" spoofing) and the
 * zero-width space, word joiner, invisible operators and byte-order mark, with which two names
 * that look the same can differ.
 */
const ALWAYS_INVISIBLE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
/**
 * The zero-width joiner and non-joiner are part of emoji sequences ("👩‍💻") and of scripts such
 * as Persian and the Indic ones, so they are accepted between two non-ASCII characters; beside
 * ASCII or at either end they only hide a difference ("admin" + U+200D).
 */
const JOINERS = /[\u200c\u200d]/;

function isJoinerInPlace(value: string, index: number): boolean {
  const before = value.codePointAt(index - 1) ?? 0;
  const after = value.codePointAt(index + 1) ?? 0;
  const isVisibleNonAscii = (code: number) =>
    code > 0x7f &&
    !ALWAYS_INVISIBLE.test(String.fromCharCode(code)) &&
    !JOINERS.test(String.fromCharCode(code));
  return (
    index > 0 && index < value.length - 1 && isVisibleNonAscii(before) && isVisibleNonAscii(after)
  );
}

/** The indexes of the invisible formatting characters in `value` (see above). */
function invisibleIndexes(value: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    if (ALWAYS_INVISIBLE.test(char) || (JOINERS.test(char) && !isJoinerInPlace(value, i))) {
      found.push(i);
    }
  }
  return found;
}

/** True when `value` holds a bidirectional-control or a misplaced zero-width character. */
export function hasInvisibleFormatting(value: string): boolean {
  return invisibleIndexes(value).length > 0;
}

/**
 * `value` without its bidirectional-control and misplaced zero-width characters: how names and
 * titles in the shared document are read and written, so that what everyone sees is what is
 * there.
 */
export function stripInvisibleFormatting(value: string): string {
  const drop = new Set(invisibleIndexes(value));
  if (drop.size === 0) return value;
  let kept = "";
  for (let i = 0; i < value.length; i++) if (!drop.has(i)) kept += value.charAt(i);
  return kept;
}

/** A UTF-16 surrogate without its partner: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when `value` is well-formed Unicode text: no lone UTF-16 surrogate. */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** What a name or title with invisible formatting is told. */
export const INVISIBLE_MESSAGE = "Must not contain invisible direction or zero-width characters";

/** True for a name or title without bidirectional-control or zero-width characters. */
export function isPlainName(value: string): boolean {
  return !hasInvisibleFormatting(value);
}

/**
 * A required single-line text (name, title): trimmed, 1..max characters, no control
 * characters, no bidirectional-control or zero-width characters.
 */
export function singleLineTextSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1, "Required")
    .max(max, `At most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), "Must not contain control characters")
    .refine(isPlainName, INVISIBLE_MESSAGE);
}

/** Removes control characters, e.g. from text that came from a peer and goes to the database. */
export function stripControlCharacters(value: string): string {
  return value.replace(new RegExp(CONTROL_CHARACTERS.source, "g"), "");
}

/**
 * The path of the first string (value or object key) in `value` that is not well-formed
 * Unicode, or null when every string is. Walks arrays and plain objects, as JSON.parse makes.
 */
export function findMalformedText(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === "string") return isWellFormedText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findMalformedText(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (!isWellFormedText(key)) return [...path, key];
      const found = findMalformedText(child, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
