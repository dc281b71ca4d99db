/**
 * Builds the Next.js app and the compiled server (dist/server/start.mjs) when there is no build
 * yet or when a source file is newer than the last build, so that `npm start` works on a fresh
 * clone and after a pull.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const buildId = path.join(root, ".next", "BUILD_ID");
const SOURCES = [
  "app",
  "components",
  "lib",
  "server",
  "drizzle",
  "types",
  "next.config.mjs",
  "postcss.config.mjs",
  "package.json",
  "tsconfig.json",
  "instrumentation-client.ts",
];
const SKIP = new Set(["node_modules", ".next", "data", "fixtures"]);

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) {
    if (SKIP.has(child) || child.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
const changedAt = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
if (builtAt > 0 && builtAt >= changedAt) {
  console.info("The app is built and up to date.");
} else {
  console.info(
    builtAt === 0
      ? "Building the app (first start)…"
      : "Sources changed since the last build: rebuilding…",
  );
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
    {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const serverBundle = path.join(root, "dist", "server", "start.mjs");
const serverBuiltAt = fs.existsSync(serverBundle) ? fs.statSync(serverBundle).mtimeMs : 0;
if (serverBuiltAt === 0 || serverBuiltAt < changedAt) {
  console.info("Compiling the server…");
  await import("./build-server");
}
