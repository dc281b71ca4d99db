import { isAppError } from "@/lib/errors";

/**
 * A readable message for an error thrown by a lib/model accessor: the first field issue when
 * there is one ("Too long"), else the error's own message.
 */
export function getModelErrorMessage(error: unknown, fallback: string): string {
  if (isAppError(error)) {
    const issue = error.issues?.[0];
    return issue ? `${error.message}: ${issue.message}` : error.message;
  }
  return fallback;
}
