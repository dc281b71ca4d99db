import type { z } from "zod";
import { AppError } from "./errors";
import { findMalformedText } from "./text";

/** What the user is told about JSON input that cannot be used. */
export interface JsonInputMessages {
  notJson: string;
  notUnicode: string;
  invalid: string;
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
    throw new AppError("bad_request", messages.notJson);
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
