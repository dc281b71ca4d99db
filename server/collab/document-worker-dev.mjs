/**
 * Starts the document worker (document-worker.ts) from its TypeScript sources, for the
 * development server and the tests; the compiled server starts dist/server/document-worker.mjs.
 * A worker thread does not get the TypeScript loader of the process that starts it.
 */
import { register } from "tsx/esm/api";

register();
await import("./document-worker.ts");
