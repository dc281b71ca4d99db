import type { z } from "zod";
import { AppError } from "./errors";
import { findMalformedText } from "./text";

/** What the user is told about JSON input that cannot be used. */
export interface JsonInputMessages {
  notJson: string;
  notUnicode: string;
  invalid: string;
  /**
   * Whether "not JSON" says where (line and column): for files people edit by hand; request
   * bodies, written by programs, are refused without parser details.
   */
  isLocated?: boolean;
}

/** The messages about a request's JSON body. */
export const REQUEST_BODY_MESSAGES: JsonInputMessages = {
  notJson: "The body is not valid JSON",
  notUnicode: "The body holds text that is not valid Unicode",
  invalid: "The request is not valid",
};

/**
 * Parses untrusted JSON text (a request body, an uploaded file) with a schema. Throws
 * AppError("bad_request") when it is not JSON, when it holds a lone UTF-16 surrogate (which no
 * database can store as UTF-8 text, so it is refused before anything is written), or when it
 * does not match the schema, with the issues and where they are. `messages` says it of the
 * input at hand (a request body by default).
 */
export function parseJsonText<T extends z.ZodType>(
  text: string,
  schema: T,
  messages: JsonInputMessages = REQUEST_BODY_MESSAGES,
): z.infer<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const where = messages.isLocated ? locateJsonError(text) : null;
    throw new AppError(
      "bad_request",
      where
        ? `${messages.notJson}: ${where.reason} at line ${where.line}, column ${where.column}`
        : messages.notJson,
      where
        ? {
            issues: [{ path: `line ${where.line}, column ${where.column}`, message: where.reason }],
          }
        : undefined,
    );
  }
  const malformed = findMalformedText(value);
  if (malformed) {
    throw new AppError("bad_request", messages.notUnicode, {
      issues: [{ path: malformed.join("."), message: "Contains a lone UTF-16 surrogate" }],
    });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("bad_request", messages.invalid, {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join("."),
        message: issue.message,
      })),
    });
  }
  return parsed.data;
}

/**
 * Where `text` stops being JSON, as a line and column (1-based), and what is wrong there; null
 * when it is valid. JSON.parse says this in words that differ from engine to engine, so the
 * text is scanned again (only on the error path).
 */
export function locateJsonError(
  text: string,
): { line: number; column: number; reason: string } | null {
  let position = 0;
  const fail = (reason: string): never => {
    throw new JsonSyntaxError(
      position,
      position >= text.length ? "the text ends too soon" : reason,
    );
  };
  const skipSpace = () => {
    while (position < text.length && " \t\n\r".includes(text.charAt(position))) position += 1;
  };
  const expectLiteral = (word: string) => {
    if (text.startsWith(word, position)) position += word.length;
    else fail(`expected ${word}`);
  };
  const readString = () => {
    position += 1;
    while (position < text.length) {
      const char = text.charAt(position);
      if (char === '"') {
        position += 1;
        return;
      }
      if (char === "\\") {
        const next = text.charAt(position + 1);
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(position + 2, position + 6))) {
            fail("a broken \\u escape");
          }
          position += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== "") position += 2;
        else fail("an unknown escape");
      } else if (char < " ") fail("a control character inside a string");
      else position += 1;
    }
    fail("a string that never ends");
  };
  const readNumber = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(position));
    if (!match) fail("a malformed number");
    position += match?.[0].length ?? 0;
  };
  const readValue = (depth: number): void => {
    if (depth > 512) fail("nesting too deep");
    skipSpace();
    const char = text.charAt(position);
    if (char === "{") {
      position += 1;
      skipSpace();
      if (text.charAt(position) === "}") {
        position += 1;
        return;
      }
      for (;;) {
        skipSpace();
        if (text.charAt(position) !== '"') fail("expected a quoted field name");
        readString();
        skipSpace();
        if (text.charAt(position) !== ":") fail("expected : after the field name");
        position += 1;
        readValue(depth + 1);
        skipSpace();
        const after = text.charAt(position);
        if (after === ",") position += 1;
        else if (after === "}") {
          position += 1;
          return;
        } else fail("expected , or } after a value");
      }
    }
    if (char === "[") {
      position += 1;
      skipSpace();
      if (text.charAt(position) === "]") {
        position += 1;
        return;
      }
      for (;;) {
        readValue(depth + 1);
        skipSpace();
        const after = text.charAt(position);
        if (after === ",") position += 1;
        else if (after === "]") {
          position += 1;
          return;
        } else fail("expected , or ] after a value");
      }
    }
    if (char === '"') return readString();
    if (char === "t") return expectLiteral("true");
    if (char === "f") return expectLiteral("false");
    if (char === "n") return expectLiteral("null");
    if (char === "-" || (char >= "0" && char <= "9")) return readNumber();
    fail(char === "" ? "the text ends too soon" : `unexpected ${JSON.stringify(char)}`);
  };
  try {
    readValue(0);
    skipSpace();
    if (position < text.length) fail("more text after the value");
    return null;
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const before = text.slice(0, error.position);
    const line = before.split("\n").length;
    return { line, column: error.position - before.lastIndexOf("\n"), reason: error.reason };
  }
}

class JsonSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}
