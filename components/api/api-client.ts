import { z } from "zod";
import { ERROR_CODES, type ErrorBody } from "@/lib/errors";
import { ACCEPT_JSON, takeEarlyAnswer } from "./early-answers";

/** A field-level problem reported by the API, e.g. `{ path: "members.1.email", message }`. */
export type ApiIssue = NonNullable<ErrorBody["error"]["issues"]>[number];

const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
}) satisfies z.ZodType<ErrorBody>;

/**
 * A failed API call. `code` is one of the API's error codes, or `network` when the server
 * could not be reached and `invalid_response` when its answer did not match the contract.
 * `message` is safe to show to the user.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorBody["error"]["code"] | "network" | "invalid_response";
  readonly issues: ApiIssue[];

  constructor(status: number, code: ApiError["code"], message: string, issues: ApiIssue[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is with its media type instead of a JSON body (e.g. an imported file). */
  file?: { contentType: string; text: string };
  signal?: AbortSignal;
  /**
   * A GET that may take the answer the page's first script asked for, when it did (see
   * early-answers.ts): only for what a page asks for first, once.
   */
  early?: boolean;
}

const FALLBACK_MESSAGES: Partial<Record<ApiError["code"], string>> = {
  rate_limited: "Too many requests. Try again later.",
  unauthorized: "Your session has ended. Sign in again.",
  forbidden: "You do not have permission to do that.",
  not_found: "It no longer exists, or you are not a member.",
  internal: "The server ran into a problem. Try again in a moment.",
};

/** Rejects with an AbortError as soon as `signal` aborts, as fetch does. */
function whenNotAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  const aborted = () => new DOMException("The request was aborted.", "AbortError");
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (caught: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(caught instanceof Error ? caught : new Error(String(caught)));
      },
    );
  });
}

async function send(
  url: string,
  { method = "GET", body, file, signal, early: mayTakeEarly = false }: RequestOptions,
): Promise<Response> {
  const early = mayTakeEarly && method === "GET" ? takeEarlyAnswer(url) : null;
  const answered = early ? await whenNotAborted(early, signal) : null;
  if (answered) return answered;
  const contentType = file?.contentType ?? (body === undefined ? null : "application/json");
  try {
    return await fetch(url, {
      method,
      signal,
      credentials: "same-origin",
      headers: contentType === null ? ACCEPT_JSON : { ...ACCEPT_JSON, "Content-Type": contentType },
      body: file?.text ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  } catch (caught) {
    if (caught instanceof DOMException && caught.name === "AbortError") throw caught;
    throw new ApiError(
      0,
      "network",
      "Could not reach the server. Check your connection and try again.",
    );
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => null);
  const parsed = errorBodySchema.safeParse(json);
  if (parsed.success) {
    const { code, message, issues } = parsed.data.error;
    return new ApiError(
      response.status,
      code,
      message || (FALLBACK_MESSAGES[code] ?? "Request failed."),
      issues,
    );
  }
  if (response.status === 429)
    return new ApiError(429, "rate_limited", FALLBACK_MESSAGES.rate_limited ?? "");
  return new ApiError(
    response.status,
    "invalid_response",
    `The server answered ${response.status}. Try again.`,
  );
}

/** Calls the JSON API and parses the answer with `schema`; throws ApiError on any failure. */
export async function requestJson<T>(
  url: string,
  schema: z.ZodType<T>,
  options: RequestOptions = {},
): Promise<T> {
  const response = await send(url, options);
  if (!response.ok) throw await toApiError(response);
  const json: unknown = await response.json().catch(() => null);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      "invalid_response",
      "The server sent an unexpected answer. Reload and try again.",
    );
  }
  return parsed.data;
}

/** Calls an API route that answers without a body (204); throws ApiError on failure. */
export async function requestNoContent(url: string, options: RequestOptions = {}): Promise<void> {
  const response = await send(url, options);
  if (!response.ok) throw await toApiError(response);
}

/** A message for anything a request can throw. */
export function getErrorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Something went wrong. Try again.";
}

/**
 * A message for anything a request can throw, with where the problems are (the first few
 * fields or lines the server named): for files people fix by hand, e.g. an import.
 */
export function getDetailedErrorMessage(error: unknown, shown = 3): string {
  if (!(error instanceof ApiError) || error.issues.length === 0) return getErrorMessage(error);
  const where = error.issues
    .slice(0, shown)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  const more = error.issues.length > shown ? ` (and ${error.issues.length - shown} more)` : "";
  return `${error.message}. ${where.join("; ")}${more}`;
}

/** True for an aborted fetch, which is not an error to show. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}
