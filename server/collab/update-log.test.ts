import { describe, expect, it } from "vitest";
import type { DocumentStore } from "@/server/collab/document-store";
import type { PendingUpdate } from "@/server/collab/persistence";
import { UpdateLog } from "./update-log";

/** A store in memory whose appends fail while `isDown` is set. */
class MemoryStore implements DocumentStore {
  readonly appended: PendingUpdate[][] = [];
  compactions = 0;
  isDown = false;

  load = () => Promise.resolve({ snapshot: null, updates: [], lastSeq: 0 });
  touch = () => Promise.resolve();
  isGone = () => Promise.resolve(false);

  append(updates: PendingUpdate[]): Promise<void> {
    if (this.isDown) return Promise.reject(new Error("database unreachable"));
    this.appended.push(updates);
    return Promise.resolve();
  }

  async compact(
    mergeState: (logged: Uint8Array[]) => Promise<Uint8Array>,
  ): Promise<{ foldedUpdates: number }> {
    await mergeState(this.appended.flat().map((update) => update.bytes));
    this.compactions += 1;
    return { foldedUpdates: this.appended.flat().length };
  }
}

const update = (n: number): PendingUpdate => ({ bytes: new Uint8Array([n]), userId: null });
const hooks = {
  readTitle: () => "Model",
  mergeLogged: () => Promise.resolve(new Uint8Array()),
  onModelGone: () => {},
};

async function waitUntil(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("UpdateLog", () => {
  it("batches updates and appends them in order", async () => {
    const store = new MemoryStore();
    const log = new UpdateLog(
      "m",
      store,
      { persistIntervalMs: 5, compactAfterUpdates: 100 },
      hooks,
    );
    for (let i = 0; i < 3; i++) log.push(update(i));
    await waitUntil(() => log.isSettled);
    expect(store.appended.flat().map((u) => u.bytes[0])).toEqual([0, 1, 2]);
    log.stop();
  });

  it("keeps updates through a failed append, in order, and retries until the store takes them", async () => {
    const store = new MemoryStore();
    store.isDown = true;
    const log = new UpdateLog(
      "m",
      store,
      { persistIntervalMs: 1, compactAfterUpdates: 100 },
      hooks,
    );
    log.push(update(1));
    await expect(log.flush()).rejects.toThrow("database unreachable");
    log.push(update(2));
    expect(log.pendingCount).toBe(2);
    store.isDown = false;
    await waitUntil(() => log.isSettled);
    expect(store.appended.flat().map((u) => u.bytes[0])).toEqual([1, 2]);
    log.stop();
  });

  it("folds the log into a snapshot after compactAfterUpdates updates", async () => {
    const store = new MemoryStore();
    const log = new UpdateLog("m", store, { persistIntervalMs: 1, compactAfterUpdates: 4 }, hooks);
    log.noteLoaded(2);
    log.push(update(1));
    await log.flush();
    expect(store.compactions).toBe(0);
    log.push(update(2));
    await log.flush();
    expect(store.compactions).toBe(1);
    log.stop();
  });
});
