import type { Duplex } from "node:stream";
import type { ErrorCode } from "@/lib/errors";

/** The parser errors Node reports for a request it could not read, and what they answer. */
interface ParserAnswer {
  status: number;
  text: string;
  code: ErrorCode;
  message: string;
}

const ANSWERS: Record<string, ParserAnswer> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    text: "Request Header Fields Too Large",
    code: "headers_too_large",
    message: "The request's headers are too large",
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    text: "Request Timeout",
    code: "request_timeout",
    message: "The request took too long to arrive",
  },
};
const MALFORMED: ParserAnswer = {
  status: 400,
  text: "Bad Request",
  code: "bad_request",
  message: "The request could not be read as HTTP",
};

function codeOf(error: Error): string {
  return "code" in error && typeof error.code === "string" ? error.code : "";
}

/**
 * Answers a request Node's HTTP parser refused (malformed, headers too large, too slow) the way
 * every other error of the API is answered: a JSON `{ error: { code, message } }` body with the
 * status, then closes the connection. Node's own answer has no body at all.
 */
export function answerClientError(error: Error, socket: Duplex): void {
  const code = codeOf(error);
  if (code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const answer = ANSWERS[code] ?? MALFORMED;
  const body = JSON.stringify({ error: { code: answer.code, message: answer.message } });
  socket.end(
    `HTTP/1.1 ${answer.status} ${answer.text}\r\nConnection: close\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
