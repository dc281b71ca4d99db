import { expect, test } from "@playwright/test";
import { sendUpgrade } from "../integration/support/raw-upgrade";

// With the Next.js app in front (which attaches upgrade handling of its own after its first
// request), every upgrade outside the realtime endpoint is still answered and closed.
test("upgrade requests outside /collab/ are answered with 404 and closed", async ({
  page,
  baseURL,
}) => {
  await page.goto("/");
  const port = Number(new URL(baseURL ?? "").port);
  const paths = ["/", "/signin", "/_next/webpack-hmr", "/foo", "/api/health"];
  for (const path of paths) {
    const answer = await sendUpgrade(port, path, 10_000);
    expect(answer.statusLine, path).toBe("HTTP/1.1 404 Not Found");
    expect(answer.closedByServer, path).toBe(true);
  }
});
