import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NextConfig } from "next";
import { PROJECT_ROOT } from "../project-root";
import { BASE_SECURITY_HEADERS } from "./security-headers";
import { acceptsGzip, createStaticAssets, toRelativePath } from "./static-assets";

/** What the fallback answers, so a test can tell "left to Next.js" from an answer. */
const LEFT_STATUS = 418;

let staticDir: string;
let server: http.Server;
let baseUrl: string;
const script = `console.log(${JSON.stringify("x".repeat(20_000))});\n`;

beforeAll(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), "static-assets-"));
  fs.mkdirSync(path.join(staticDir, "chunks"));
  fs.writeFileSync(path.join(staticDir, "chunks", "app.js"), script);
  fs.writeFileSync(path.join(staticDir, "chunks", "app.css"), "body{color:red}");
  fs.writeFileSync(path.join(staticDir, "chunks", "app.js.map"), "{}");
  fs.writeFileSync(path.join(staticDir, "chunks", "gone.js"), "1");
  fs.writeFileSync(path.join(path.dirname(staticDir), "secret.js"), "secret");
  const leave: http.RequestListener = (_req, res) => {
    res.statusCode = LEFT_STATUS;
    res.end();
  };
  const assets = createStaticAssets(staticDir, leave);
  fs.rmSync(path.join(staticDir, "chunks", "gone.js"));
  server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (!assets.answer(req, res, pathname)) leave(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(staticDir, { recursive: true, force: true });
});

/** A raw request, so that no client decompresses or rewrites anything. */
function request(
  pathname: string,
  options: { method?: string; headers?: http.OutgoingHttpHeaders } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}${pathname}`, options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the build's scripts and style sheets", () => {
  it("are gzipped when asked, with Next.js's caching and the security headers", async () => {
    const answer = await request("/_next/static/chunks/app.js", {
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(answer.body).toString()).toBe(script);
    expect(answer.body.byteLength).toBeLessThan(script.length / 10);
    expect(Number(answer.headers["content-length"])).toBe(answer.body.byteLength);
    expect(answer.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(answer.headers.vary).toBe("Accept-Encoding");
    for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) {
      expect(answer.headers[name.toLowerCase()]).toBe(value);
    }
  });

  it("are sent as built to a client that does not take gzip, and answer HEAD", async () => {
    const plain = await request("/_next/static/chunks/app.css", {
      headers: { "accept-encoding": "gzip;q=0, identity" },
    });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe("body{color:red}");
    expect(plain.headers["content-type"]).toBe("text/css; charset=UTF-8");

    const head = await request("/_next/static/chunks/app.js", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(Number(head.headers["content-length"])).toBe(script.length);
  });

  it("answer a matching If-None-Match with 304", async () => {
    const first = await request("/_next/static/chunks/app.js");
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request("/_next/static/chunks/app.js", {
      headers: { "if-none-match": `"other", ${etag}` },
    });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    const changed = await request("/_next/static/chunks/app.js", {
      headers: { "if-none-match": `"other"` },
    });
    expect(changed.status).toBe(200);
  });

  it("answer concurrent first requests from one read", async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => request("/_next/static/chunks/app.css")),
    );
    expect(new Set(answers.map((answer) => answer.headers.etag)).size).toBe(1);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
  });
});

describe("everything else is left to Next.js", () => {
  it.each([
    ["another kind of file", "/_next/static/chunks/app.js.map"],
    ["a name the build did not have", "/_next/static/chunks/unknown.js"],
    ["a file outside the static folder", "/_next/static/../secret.js"],
    ["an escaped path", "/_next/static/chunks/%61pp.js"],
    ["a file gone since the server started", "/_next/static/chunks/gone.js"],
    ["a page", "/models"],
  ])("%s", async (_name, pathname) => {
    const answer = await request(pathname);
    expect(answer.status).toBe(LEFT_STATUS);
  });

  it("other methods", async () => {
    const answer = await request("/_next/static/chunks/app.js", { method: "POST" });
    expect(answer.status).toBe(LEFT_STATUS);
  });

  it("paths that leave the folder or carry odd segments", () => {
    expect(toRelativePath("/_next/static/chunks/app.js")).toBe("chunks/app.js");
    for (const pathname of [
      "/_next/static/../../package.json",
      "/_next/static/chunks/../app.js",
      "/_next/static//app.js",
      "/_next/static/chunks/./app.js",
      "/_next/static/chunks\\app.js",
      "/_next/static/chunks/app.js%00",
      "/_next/other/app.js",
    ]) {
      expect(toRelativePath(pathname), pathname).toBeNull();
    }
  });
});

describe("acceptsGzip", () => {
  it("reads names, wildcards and q-values", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("GZIP")).toBe(true);
    expect(acceptsGzip("br;q=1, gzip;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("*, gzip;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("gzip;q=nonsense")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe("BASE_SECURITY_HEADERS", () => {
  it("are the headers next.config.mjs gives every page", async () => {
    // Imported by address: the configuration is plain JavaScript, without declarations.
    const configUrl = pathToFileURL(path.join(PROJECT_ROOT, "next.config.mjs")).href;
    const imported: { default: NextConfig } = await import(configUrl);
    const nextConfig = imported.default;
    const rules = await nextConfig.headers?.();
    const everyPath = rules?.find((rule) => rule.source === "/:path*");
    expect(
      Object.fromEntries((everyPath?.headers ?? []).map(({ key, value }) => [key, value])),
    ).toEqual(BASE_SECURITY_HEADERS);
  });
});
