/**
 * The compiled document worker our compiled server starts (dist/server/document-worker.mjs,
 * see server/collab/document-worker-client.ts). `npm run build` and `npm start` make it; the
 * bench compiles it beside the server (bench/realtime/spawn-server.ts): once per bench run,
 * from the current sources, written to a temporary file and renamed so that a server starting
 * meanwhile never reads half a file.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
let compiled: Promise<void> | undefined;

/**
 * Compiles server/collab/document-worker.ts to dist/server/document-worker.mjs and its source
 * map, as scripts/build-server.ts does.
 */
export function compileDocumentWorker(): Promise<void> {
  compiled ??= (async () => {
    const outfile = path.join(root, "dist", "server", "document-worker.mjs");
    const result = await build({
      entryPoints: [path.join(root, "server", "collab", "document-worker.ts")],
      outfile,
      write: false,
      bundle: true,
      packages: "external",
      platform: "node",
      format: "esm",
      target: "node20",
      sourcemap: true,
      tsconfig: path.join(root, "tsconfig.json"),
      logLevel: "warning",
    });
    if (!result.outputFiles.some((file) => file.path === outfile)) {
      throw new Error("esbuild wrote no document worker");
    }
    fs.mkdirSync(path.dirname(outfile), { recursive: true });
    // The source map first: the worker names it.
    const files = [...result.outputFiles].sort(
      (a, b) => Number(a.path === outfile) - Number(b.path === outfile),
    );
    for (const file of files) {
      const temporary = `${file.path}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, file.contents);
      fs.renameSync(temporary, file.path);
    }
  })();
  return compiled;
}
