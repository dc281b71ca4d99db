import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, requestJson } from "./api-client";
import { EARLY_ANSWER_TTL_MS, requestEarly, takeEarlyAnswer } from "./early-answers";

/** A server that answers `{ "count": n }`, n counting the requests it got. */
let server: http.Server;
let base = "";
let requests: { url: string; accept: string | undefined }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    requests.push({ url: request.url ?? "", accept: request.headers.accept });
    if (request.url === "/missing") {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { code: "not_found", message: "No such model" } }));
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ count: requests.length }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  vi.useRealTimers();
  requests = [];
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const countSchema = z.object({ count: z.number() });

describe("early answers", () => {
  it("hand a request's answer to the first GET of the same address, once", async () => {
    requestEarly(`${base}/model`);
    expect(await requestJson(`${base}/model`, countSchema, { early: true })).toEqual({ count: 1 });
    expect(await requestJson(`${base}/model`, countSchema, { early: true })).toEqual({ count: 2 });
    expect(requests.map((request) => request.accept)).toEqual([
      "application/json",
      "application/json",
    ]);
  });

  it("are taken only by a request that says it may", async () => {
    requestEarly(`${base}/model`);
    await requestJson(`${base}/model`, countSchema);
    // Still there for the request that may take it.
    expect(await takeEarlyAnswer(`${base}/model`)).not.toBeNull();
    expect(requests).toHaveLength(2);
  });

  it("are not taken by another address", async () => {
    requestEarly(`${base}/model`);
    expect(takeEarlyAnswer(`${base}/user`)).toBeNull();
    const answer = await takeEarlyAnswer(`${base}/model`);
    expect(answer?.status).toBe(200);
  });

  it("read an error answer as the API's error", async () => {
    requestEarly(`${base}/missing`);
    const failure = requestJson(`${base}/missing`, countSchema, { early: true });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 404, message: "No such model" });
    expect(requests).toHaveLength(1);
  });

  it("are not handed out once too old: the page asks again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    requestEarly(`${base}/model`);
    vi.setSystemTime(Date.now() + EARLY_ANSWER_TTL_MS + 1);
    expect(await requestJson(`${base}/model`, countSchema, { early: true })).toEqual({ count: 2 });
  });

  it("leave a request that found no server to be asked again", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const address = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/model`;
    await new Promise((resolve) => closed.close(resolve));
    requestEarly(address);
    const failure = requestJson(address, countSchema, { early: true });
    await expect(failure).rejects.toMatchObject({ code: "network" });
  });

  it("end with the caller's abort", async () => {
    requestEarly(`${base}/model`);
    const controller = new AbortController();
    const answer = requestJson(`${base}/model`, countSchema, {
      signal: controller.signal,
      early: true,
    });
    controller.abort();
    await expect(answer).rejects.toMatchObject({ name: "AbortError" });
  });
});
