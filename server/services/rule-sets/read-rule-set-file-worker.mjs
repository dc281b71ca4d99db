/**
 * Worker thread of read-rule-set-file-in-worker.ts: reads one rule-set file and posts what it
 * holds, or the error, back. The project's TypeScript is loaded through tsx's loader, as in
 * the process that started this worker.
 */
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { readRuleSetFile } = await import("./read-rule-set-file.ts");
const { isAppError } = await import("../../../lib/errors.ts");

try {
  parentPort.postMessage({ ok: true, content: readRuleSetFile(workerData) });
} catch (error) {
  parentPort.postMessage(
    isAppError(error)
      ? { ok: false, code: error.code, message: error.message, issues: error.issues }
      : { ok: false, code: "bad_request", message: "The file could not be read" },
  );
}
