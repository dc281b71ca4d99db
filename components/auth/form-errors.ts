import type { z } from "zod";
import type { ApiIssue } from "@/components/api/api-client";

/** The first message per field of a failed zod parse, keyed by the top-level field name. */
export function getFieldErrors<K extends string>(error: z.ZodError): Partial<Record<K, string>> {
  const result: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && result[field] === undefined) result[field] = issue.message;
  }
  return result;
}

/** The API's field issues (`path: "email"`) for the fields a form knows about. */
export function getIssueErrors<K extends string>(
  issues: readonly ApiIssue[],
  fields: readonly K[],
): Partial<Record<K, string>> {
  const result: Partial<Record<K, string>> = {};
  for (const issue of issues) {
    const field = fields.find((name) => name === issue.path.split(".")[0]);
    if (field && result[field] === undefined) result[field] = issue.message;
  }
  return result;
}

/** Moves focus to the first field of the form that is marked invalid. */
export function focusFirstInvalidField(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
}
