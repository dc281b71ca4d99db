import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server";

/** Writes `request` on a raw socket and resolves with everything the server sent back. */
function sendRaw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no answer in time"));
    }, 10_000);
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("utf8");
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on("error", () => undefined);
    socket.write(request);
  });
}

function parseAnswer(raw: string): { statusLine: string; body: unknown } {
  const [head = "", body = ""] = raw.split("\r\n\r\n");
  return { statusLine: head.split("\r\n")[0] ?? "", body: body ? JSON.parse(body) : null };
}

describe("requests Node's HTTP parser refuses", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("pglite");
  });
  afterAll(() => server.destroy());

  it("answers a malformed request with 400 and the JSON error body", async () => {
    const answer = parseAnswer(await sendRaw(server.port, "NOT HTTP AT ALL\r\n\r\n"));
    expect(answer.statusLine).toBe("HTTP/1.1 400 Bad Request");
    expect(answer.body).toEqual({
      error: { code: "bad_request", message: "The request could not be read as HTTP" },
    });
  });

  it("answers headers over Node's limit with 431 and the JSON error body", async () => {
    const huge = `X-Filler: ${"a".repeat(20_000)}\r\n`;
    const answer = parseAnswer(
      await sendRaw(server.port, `GET /api/health HTTP/1.1\r\nHost: x\r\n${huge}\r\n`),
    );
    expect(answer.statusLine).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    expect(answer.body).toEqual({
      error: { code: "headers_too_large", message: "The request's headers are too large" },
    });
  });
});

describe("next-auth's browser log endpoint", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("pglite");
  });
  afterAll(() => server.destroy());

  it("is answered 204 without being read or logged, whatever its size", async () => {
    const messages: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void messages.push(args);
    try {
      for (const size of [10, 2_000_000]) {
        const response = await fetch(`${server.url}/api/auth/_log`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `level=error&code=FORGED&message=${"x".repeat(size)}`,
        });
        expect(response.status).toBe(204);
      }
    } finally {
      console.error = original;
    }
    expect(messages).toEqual([]);
  });
});
