import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendUpgrade } from "./support/raw-upgrade";
import { startTestServer, type TestServer } from "./support/test-server";

describe("upgrade requests", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer("pglite");
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("answers every upgrade outside /collab/ with 404 and leaves no socket open", async () => {
    const paths = ["/", "/api/health", "/_next/webpack-hmr", "/foo", "/collab", "/models/x"];
    const requests = Array.from({ length: 30 }, (_, i) => paths[i % paths.length] ?? "/");
    const answers = await Promise.all(requests.map((p) => sendUpgrade(server.port, p, 10_000)));
    for (const answer of answers) {
      expect(answer.statusLine).toBe("HTTP/1.1 404 Not Found");
      expect(answer.closedByServer).toBe(true);
    }
    await expectOpenSocketsToReach(server, 0);
  });

  it("answers an unauthenticated upgrade to /collab/ with 401 and closes it", async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        sendUpgrade(server.port, "/collab/some-model?schema=1", 10_000),
      ),
    );
    for (const answer of answers) expect(answer.statusLine).toBe("HTTP/1.1 401 Unauthorized");
    await expectOpenSocketsToReach(server, 0);
  });
});

async function expectOpenSocketsToReach(server: TestServer, expected: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let open = await server.openSockets();
  while (open !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    open = await server.openSockets();
  }
  expect(open).toBe(expected);
}
