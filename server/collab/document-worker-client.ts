import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { log } from "@/server/logger";
import { projectPath } from "@/server/project-root";
import type { UpdateLimits } from "@/server/collab/update-cost";

/**
 * Most structs one slice of an update holds. Applying a struct costs a few microseconds, so a
 * slice holds the thread for well under 100 ms even on a loaded machine.
 */
export const MAX_STRUCTS_PER_SLICE = 1_000;

/** Requests to the document worker (document-worker.ts). */
export type DocumentWorkerRequest =
  | {
      id: number;
      kind: "fold";
      /** A snapshot and the log after it, oldest first. */
      updates: Uint8Array[];
      /** The state vector of the document the slices are for; null for an empty one. */
      since: Uint8Array | null;
      maxStructs: number;
    }
  | {
      id: number;
      kind: "check";
      update: Uint8Array;
      /** Entities the receiving document holds. */
      entityCount: number;
      limits: UpdateLimits;
      maxStructs: number;
    };

/** Answers of the document worker, matched to requests by id. */
export type DocumentWorkerReply =
  | {
      id: number;
      ok: true;
      kind: "fold";
      /** The folded state, to store as a snapshot. */
      state: Uint8Array;
      /** What the document lacks of that state, in slices to apply in order. */
      slices: Uint8Array[];
    }
  | {
      id: number;
      ok: true;
      kind: "check";
      /** Why the update may not be applied, or null. */
      refusal: string | null;
      /** The update in slices to apply in order (none when refused). */
      slices: Uint8Array[];
    }
  | { id: number; ok: false; message: string };

type Pending = { resolve: (reply: DocumentWorkerReply) => void; reject: (error: Error) => void };

/**
 * A thread that does the Yjs work on whole documents for the rooms of this process, so that
 * the thread serving sockets and requests only applies slices of bounded size. Started on the
 * first request, restarted after a crash (its requests then fail, and their callers retry or
 * report as for a database error); it never keeps the process alive by itself.
 */
export class DocumentWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /**
   * Folds a snapshot and log into one state (to store) and slices what a document whose state
   * vector is `since` lacks of it (to apply, in order).
   */
  async fold(
    updates: Uint8Array[],
    since: Uint8Array | null,
  ): Promise<{ state: Uint8Array; slices: Uint8Array[] }> {
    const reply = await this.request({
      id: 0,
      kind: "fold",
      updates,
      since,
      maxStructs: MAX_STRUCTS_PER_SLICE,
    });
    if (reply.kind !== "fold") throw new Error("unexpected answer from the document worker");
    return { state: reply.state, slices: reply.slices };
  }

  /** Checks a client's update against the limits and slices it when it may be applied. */
  async check(
    update: Uint8Array,
    entityCount: number,
    limits: UpdateLimits,
  ): Promise<{ refusal: string | null; slices: Uint8Array[] }> {
    const reply = await this.request({
      id: 0,
      kind: "check",
      update,
      entityCount,
      limits,
      maxStructs: MAX_STRUCTS_PER_SLICE,
    });
    if (reply.kind !== "check") throw new Error("unexpected answer from the document worker");
    return { refusal: reply.refusal, slices: reply.slices };
  }

  /** Stops the thread; requests under way fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private request(
    request: DocumentWorkerRequest,
  ): Promise<Extract<DocumentWorkerReply, { ok: true }>> {
    const id = this.nextId++;
    const worker = this.start();
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: (reply) =>
          reply.ok ? resolve(reply) : reject(new Error(`document worker: ${reply.message}`)),
        reject,
      });
      worker.postMessage({ ...request, id });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript(), {
      // Decoded documents take several times their encoded size.
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
    });
    worker.unref();
    worker.on("message", (reply: DocumentWorkerReply) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      pending?.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const pending of waiting) pending.reject(error);
    };
    worker.on("error", (error) => {
      log.error("the document worker failed", { error });
      fail(error);
    });
    worker.on("exit", (code) => fail(new Error(`the document worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}

/**
 * The worker's script: the compiled one beside the compiled server, or the sources (through
 * tsx) when the server runs from them.
 */
function workerScript(): string {
  const isCompiled = !fileURLToPath(import.meta.url).endsWith(".ts");
  return isCompiled
    ? projectPath("dist", "server", "document-worker.mjs")
    : projectPath("server", "collab", "document-worker-dev.mjs");
}

/** The process's document worker. */
export const documentWorker = new DocumentWorker();
