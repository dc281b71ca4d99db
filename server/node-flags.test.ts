import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "./node-flags";

describe("SERVER_NODE_FLAGS", () => {
  it("are the flags `npm start` runs the server with", () => {
    const manifest: unknown = JSON.parse(fs.readFileSync("package.json", "utf8"));
    const start = (manifest as { scripts?: Record<string, string> }).scripts?.start ?? "";
    const command = start.split("&&").at(-1)?.trim().split(/\s+/) ?? [];
    expect(command[0]).toBe("node");
    for (const flag of SERVER_NODE_FLAGS) expect(command).toContain(flag);
    // The flags come before the script, where node reads them as its own.
    const script = command.indexOf("dist/server/start.mjs");
    expect(script).toBeGreaterThan(0);
    for (const flag of SERVER_NODE_FLAGS) expect(command.indexOf(flag)).toBeLessThan(script);
  });
});
