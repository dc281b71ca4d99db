/**
 * The document worker thread: the Yjs work on whole documents that would otherwise hold the
 * thread serving sockets and requests, namely folding a stored snapshot and log into one state
 * (loading a room, compacting it, catching up after a lost link) and checking and slicing a
 * large client update. The protocol is in document-worker-client.ts; this thread keeps no
 * state between requests.
 */
import os from "node:os";
import { parentPort } from "node:worker_threads";
import type { Transferable } from "node:worker_threads";
import type { DocumentWorkerReply, DocumentWorkerRequest } from "./document-worker-client";
import { findUpdateRefusal } from "./update-cost";
import { foldUpdates, sliceUpdate } from "./update-slices";

function answer(request: DocumentWorkerRequest): DocumentWorkerReply {
  switch (request.kind) {
    case "fold": {
      const state = foldUpdates(request.updates);
      const slices = sliceUpdate(state, { maxStructs: request.maxStructs, since: request.since });
      return { id: request.id, ok: true, kind: "fold", state, slices };
    }
    case "check": {
      const refusal = findUpdateRefusal(request.update, request.entityCount, request.limits);
      const slices = refusal ? [] : sliceUpdate(request.update, { maxStructs: request.maxStructs });
      return { id: request.id, ok: true, kind: "check", refusal, slices };
    }
  }
}

/** The buffers of a reply, handed over instead of copied (each is an array of its own). */
function transferList(reply: DocumentWorkerReply): Transferable[] {
  if (!reply.ok) return [];
  const arrays = reply.kind === "fold" ? [reply.state, ...reply.slices] : reply.slices;
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    if (array.buffer instanceof ArrayBuffer && array.byteOffset === 0) buffers.add(array.buffer);
  }
  return [...buffers];
}

/**
 * This thread's work can wait; the thread serving sockets cannot. On Linux a nice value belongs
 * to a thread, so this lowers the priority of this thread alone: on a busy machine the kernel
 * then gives the CPU to the server's own thread first. Elsewhere it may apply to the whole
 * process, so it is only done on Linux.
 */
const BACKGROUND_NICE = 10;
if (process.platform === "linux") {
  try {
    os.setPriority(BACKGROUND_NICE);
  } catch {
    // Not permitted here: the work still gets done, at normal priority.
  }
}

parentPort?.on("message", (request: DocumentWorkerRequest) => {
  let reply: DocumentWorkerReply;
  try {
    reply = answer(request);
  } catch (error) {
    reply = {
      id: request.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  parentPort?.postMessage(reply, transferList(reply));
});
