import { Worker } from "node:worker_threads";
import { projectPath } from "@/server/project-root";
import { z } from "zod";
import { AppError, ERROR_CODES } from "@/lib/errors";
import type { SkippedThreatType } from "@/lib/interop/tmt/tb7";
import type { RuleSetFile } from "./read-rule-set-file";

/** What a file held: its rules not yet checked here (createRuleSet checks them). */
export interface ReadRuleSetFile {
  name: string;
  description: string;
  rules: unknown[];
  skipped: SkippedThreatType[];
}

/** What reading one file may take: wall time and heap of its worker thread. */
export interface ReadBudget {
  timeMs: number;
  heapMb: number;
}

/** Enough for a 10 MiB template many times over on a loaded machine; a hostile file is cut off. */
export const DEFAULT_READ_BUDGET: ReadBudget = { timeMs: 20_000, heapMb: 512 };

const workerReplySchema = z.union([
  z.object({
    ok: z.literal(true),
    content: z.object({
      name: z.string(),
      description: z.string(),
      // Checked once, by createRuleSet, where they are stored.
      rules: z.array(z.unknown()),
      skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
    }),
  }),
  z.object({
    ok: z.literal(false),
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
]);

/** Files read one after another: each worker may use DEFAULT_READ_BUDGET.heapMb. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Reads a rule-set file (readRuleSetFile) in a worker thread of its own, one file at a time,
 * within `budget`: the thread that serves requests and websockets only waits, so a 10 MiB
 * template cannot stall anyone else, and a file that needs more time or memory than the budget
 * is refused with bad_request instead of holding the server.
 */
export function readRuleSetFileInWorker(
  file: RuleSetFile,
  budget: ReadBudget = DEFAULT_READ_BUDGET,
): Promise<ReadRuleSetFile> {
  const run = queue.then(() => readInWorker(file, budget));
  queue = run.catch(() => undefined);
  return run;
}

function readInWorker(file: RuleSetFile, budget: ReadBudget): Promise<ReadRuleSetFile> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(
      projectPath("server", "services", "rule-sets", "read-rule-set-file-worker.mjs"),
      {
        workerData: file,
        resourceLimits: { maxOldGenerationSizeMb: budget.heapMb },
        stdout: true,
      },
    );
    let isSettled = false;
    const settle = (outcome: () => void) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(new AppError("bad_request", "The file took too long to read; is it a rule set?")),
        ),
      budget.timeMs,
    );
    worker.once("message", (message: unknown) => {
      const reply = workerReplySchema.safeParse(message);
      settle(() => {
        if (!reply.success) {
          reject(new AppError("internal", "The file could not be read"));
        } else if (reply.data.ok) {
          resolve(reply.data.content);
        } else {
          const { code, message: text, issues } = reply.data;
          reject(new AppError(code, text, { issues }));
        }
      });
    });
    worker.once("error", (error) =>
      settle(() =>
        reject(
          new AppError("bad_request", "The file needs too much memory to read", { cause: error }),
        ),
      ),
    );
    worker.once("exit", () =>
      settle(() => reject(new AppError("internal", "The file could not be read"))),
    );
  });
}
