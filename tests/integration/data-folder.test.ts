import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEADLINE, timeoutFor } from "./support/deadlines";
import { startTestServer } from "./support/test-server";

describe("the embedded database's files", () => {
  it(
    "are readable by the server's user only: folders 0700, files 0600",
    timeoutFor(DEADLINE.serverStart),
    async () => {
      const server = await startTestServer("pglite");
      try {
        const open: string[] = [];
        const walk = (entry: string) => {
          const stat = fs.lstatSync(entry);
          if ((stat.mode & 0o077) !== 0) open.push(`${entry} ${(stat.mode & 0o777).toString(8)}`);
          if (stat.isDirectory()) {
            for (const child of fs.readdirSync(entry)) walk(path.join(entry, child));
          }
        };
        walk(server.dataDir);
        expect(fs.readdirSync(path.join(server.dataDir, "pg")).length).toBeGreaterThan(5);
        expect(open).toEqual([]);
      } finally {
        await server.destroy();
      }
    },
  );
});
