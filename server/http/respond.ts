import type { ServerResponse } from "node:http";
import { z } from "zod";
import { AppError, isAppError, type ErrorBody, type ErrorCode } from "@/lib/errors";
import { log } from "@/server/logger";

/** The HTTP status of each error code: the one place they are mapped. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  request_timeout: 408,
  headers_too_large: 431,
  internal: 500,
  unavailable: 503,
};

/** A handler's answer. */
export interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A body sent as is (a CSV, Markdown or PDF download) instead of `body` as JSON. */
  text?: { contentType: string; content: string | Uint8Array };
  /** A response written by the handler itself over time (an event stream). */
  stream?: (res: ServerResponse) => void;
}

/** Writes a JSON result (or an empty one for 204). */
export function sendResult(res: ServerResponse, result: ApiResult): void {
  if (result.stream) {
    result.stream(res);
    return;
  }
  const headers: Record<string, string> = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...result.headers,
  };
  if (result.text) {
    res
      .writeHead(result.status, {
        ...headers,
        "Content-Type": result.text.contentType,
        "Content-Length": String(Buffer.byteLength(result.text.content)),
      })
      .end(result.text.content);
    return;
  }
  if (result.body === undefined) {
    res.writeHead(result.status, headers).end();
    return;
  }
  const text = JSON.stringify(result.body);
  res
    .writeHead(result.status, {
      ...headers,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(text)),
    })
    .end(text);
}

/** Turns any thrown value into a safe error result: the cause goes to the log, never the client. */
export function errorResult(error: unknown, context: Record<string, unknown>): ApiResult {
  let appError: AppError;
  if (isAppError(error)) appError = error;
  else if (error instanceof z.ZodError) {
    appError = new AppError("bad_request", "The request is not valid", {
      issues: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    });
  } else {
    log.error("unhandled error in API route", { ...context, error });
    appError = new AppError("internal", "Something went wrong on our side; please try again");
  }
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.issues ? { issues: appError.issues } : {}),
    },
  };
  const headers: Record<string, string> = {};
  if (appError.code === "unauthorized") headers["WWW-Authenticate"] = 'Bearer realm="api"';
  // The rest of an oversized body is never read: the connection cannot be reused.
  if (appError.code === "payload_too_large") headers.Connection = "close";
  return { status: HTTP_STATUS[appError.code], body, headers };
}
