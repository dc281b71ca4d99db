import type { z } from "zod";
import { AppError } from "../errors";

/** One field-level problem, as carried by AppError.issues. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Turns zod issues into AppError issues (`path` joined with dots, "" for the whole value). */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

/**
 * Parses `input` with `schema` and returns the parsed value; throws
 * `AppError("bad_request", "Invalid <what>", { issues })` when it does not match.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("bad_request", `Invalid ${what}`, {
      issues: toValidationIssues(result.error),
    });
  }
  return result.data;
}

/** Throws `AppError("bad_request")` with one issue at `path`. */
export function failValidation(what: string, path: string, message: string): never {
  throw new AppError("bad_request", `Invalid ${what}`, { issues: [{ path, message }] });
}
