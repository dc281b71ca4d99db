/**
 * Typed application errors. Services throw an AppError with a code; the HTTP layer maps each
 * code to a status once (server/http/respond.ts) and the websocket layer to a close code. The
 * message is safe to show to the user; the cause is only logged.
 */
export const ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "request_timeout",
  "headers_too_large",
  "internal",
  "unavailable",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The JSON body of every error response: `{ "error": { "code", "message" } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: { path: string; message: string }[] };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Field-level problems, for validation errors. */
  readonly issues?: { path: string; message: string }[];

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; issues?: { path: string; message: string }[] },
  ) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.issues = options?.issues;
  }
}

/** True when the value is an AppError (also across bundles, where instanceof may fail). */
export function isAppError(value: unknown): value is AppError {
  if (value instanceof AppError) return true;
  return (
    value instanceof Error &&
    value.name === "AppError" &&
    "code" in value &&
    (ERROR_CODES as readonly unknown[]).includes(value.code)
  );
}
