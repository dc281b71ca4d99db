/**
 * Compiles the server (server/start.ts and what it imports from lib/ and server/) into one
 * JavaScript module, dist/server/start.mjs, so that `npm start` runs it with plain node instead
 * of compiling TypeScript at run time. Packages stay in node_modules (never bundled): the
 * server and the Next.js pages then share one copy of each, Yjs among them.
 */
import { build } from "esbuild";

await build({
  entryPoints: {
    start: "server/start.ts",
    // The document worker thread (server/collab/document-worker-client.ts starts it).
    "document-worker": "server/collab/document-worker.ts",
  },
  outdir: "dist/server",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
