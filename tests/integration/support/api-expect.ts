/**
 * Assertions for HTTP API answers: the error envelope `{ error: { code, message, issues? } }`
 * and the rule that no answer leaks internals (stack traces, SQL, hashes, file paths).
 */
import { expect } from "vitest";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import { api, type ApiAnswer } from "./api-client";
import type { TestServer } from "./test-server";

/** Patterns that must never appear in an answer's body. */
const LEAK_PATTERNS: RegExp[] = [
  /"stack"/i,
  /\bat \S+ \(\S+:\d+:\d+\)/, // "at fn (file:1:2)"
  /\n\s+at /, // a stack frame on its own line
  /\bselect\b[^"]*\bfrom\b/i,
  /\binsert into\b/i,
  /\bdelete from\b/i,
  /\bupdate\b[^"]*\bset\b/i,
  /\b(violates|constraint|relation|syntax error|invalid byte sequence)\b/i,
  /drizzle|pglite|postgres|node_modules|\.ts:\d+|\.js:\d+/i,
  /password_?hash|token_?hash|scrypt\$/i,
];

/** Fails when the answer's body contains internals. */
export function expectNoLeak(answer: ApiAnswer): void {
  if (answer.body === null) return;
  const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
  for (const pattern of LEAK_PATTERNS) expect(text, `body leaks ${pattern}`).not.toMatch(pattern);
}

/** The API client, checking every answer for leaks. */
export async function call(...args: Parameters<typeof api>): Promise<ApiAnswer> {
  const answer = await api(...args);
  expectNoLeak(answer);
  return answer;
}

/** One validation problem of a 400 answer. */
export interface Issue {
  path: string;
  message: string;
}

/** The parsed error of an error answer. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  issues?: Issue[];
}

/**
 * Asserts an error answer: the status, a JSON content type, exactly the envelope
 * `{ error: { code, message, issues? } }` with the code, and no leaks. Returns the error.
 */
export function expectError(
  answer: ApiAnswer,
  status: number,
  code: ErrorCode,
  message?: string | RegExp,
): ApiErrorBody {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expectNoLeak(answer);
  expect(answer.body).toEqual({ error: expect.any(Object) });
  const error = (answer.body as { error: ApiErrorBody }).error;
  expect(Object.keys(error).every((key) => ["code", "message", "issues"].includes(key))).toBe(true);
  expect(ERROR_CODES).toContain(error.code);
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe("string");
  expect(error.message.length).toBeGreaterThan(0);
  if (typeof message === "string") expect(error.message).toBe(message);
  else if (message) expect(error.message).toMatch(message);
  if (error.issues !== undefined) {
    expect(Array.isArray(error.issues)).toBe(true);
    for (const issue of error.issues) {
      expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
    }
  }
  return error;
}

/** Asserts a 400 validation answer whose issues name each of the paths. */
export function expectInvalid(answer: ApiAnswer, paths: string[]): Issue[] {
  const error = expectError(answer, 400, "bad_request", "The request is not valid");
  const issues = error.issues ?? [];
  expect(issues.length).toBeGreaterThan(0);
  const named = issues.map((issue) => issue.path);
  for (const path of paths) expect(named).toContain(path);
  return issues;
}

/** A JSON body `{ title: "..." , pad: "..." }` of exactly `bytes` bytes (ASCII). */
export function paddedJson(bytes: number, fields: Record<string, string>): string {
  const head = JSON.stringify({ ...fields, pad: "" }).slice(0, -2); // ends with `"pad":"`
  const tail = '"}';
  return head + "p".repeat(bytes - head.length - tail.length) + tail;
}

/** Sends a GET on the server and returns the status, for checks that the server still answers. */
export async function healthStatus(server: TestServer): Promise<number> {
  return (await api(server, "GET", "/api/health")).status;
}
