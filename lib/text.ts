import { z } from "zod";

// Control characters (C0, DEL, C1): never part of a name or a title, and NUL cannot be stored in
// a PostgreSQL text column at all.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A required single-line text (name, title): trimmed, 1..max characters, no control
 * characters.
 */
export function singleLineTextSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1, "Required")
    .max(max, `At most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), "Must not contain control characters");
}

/** Removes control characters, e.g. from text that came from a peer and goes to the database. */
export function stripControlCharacters(value: string): string {
  return value.replace(new RegExp(CONTROL_CHARACTERS.source, "g"), "");
}
