import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendUpdates, compactDocument, loadStoredDocument } from "@/server/collab/persistence";
import { foldUpdates } from "@/server/collab/update-slices";
import { createModel, signUp } from "./support/api-client";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

/** Updates that each add one key to the map "m", from one client. */
function keyUpdates(keys: string[]): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  for (const key of keys) doc.getMap("m").set(key, key);
  return updates;
}

function keysOf(state: Uint8Array | null, updates: Uint8Array[]): string[] {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  for (const update of updates) Y.applyUpdate(doc, update);
  return [...doc.getMap("m").keys()].sort();
}

describe.each(DATABASES)("compaction (%s)", (kind) => {
  let server: TestServer;
  let modelId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    const owner = await signUp(server, "Cora Compact");
    modelId = await createModel(server, owner, "Compacted");
  });
  afterAll(() => server.destroy());

  it("starts over when another compaction stores a snapshot while it merges", async () => {
    const db = server.runtime.db;
    const stored = await loadStoredDocument(db, modelId);
    const before = keysOf(stored.snapshot, stored.updates);
    const [first, second] = [keyUpdates(["a", "b"]), keyUpdates(["c", "d"])];
    await appendUpdates(db, {
      modelId,
      updates: first.map((bytes) => ({ bytes, userId: null })),
      title: null,
      touchModel: false,
    });
    let merges = 0;
    const result = await compactDocument(db, {
      modelId,
      mergeState: async (logged) => {
        merges += 1;
        if (merges === 1) {
          // Meanwhile another node logs more and compacts everything, deleting those rows.
          await appendUpdates(db, {
            modelId,
            updates: second.map((bytes) => ({ bytes, userId: null })),
            title: null,
            touchModel: false,
          });
          await compactDocument(db, {
            modelId,
            mergeState: (all) => Promise.resolve(foldUpdates(all)),
          });
        }
        return foldUpdates(logged);
      },
    });
    expect(merges).toBe(2);
    expect(result.foldedUpdates).toBe(0);
    const after = await loadStoredDocument(db, modelId);
    expect(after.updates).toHaveLength(0);
    expect(keysOf(after.snapshot, [])).toEqual([...before, "a", "b", "c", "d"].sort());
  });

  it("reads a snapshot larger than one read piece back byte for byte", async () => {
    const db = server.runtime.db;
    const doc = new Y.Doc();
    // About 2 MB of text: several pieces of 512 KiB.
    doc.getText("t").insert(0, "x".repeat(2_000_000));
    await appendUpdates(db, {
      modelId,
      updates: [{ bytes: Y.encodeStateAsUpdate(doc), userId: null }],
      title: null,
      touchModel: false,
    });
    await compactDocument(db, { modelId, mergeState: (all) => Promise.resolve(foldUpdates(all)) });
    const stored = await loadStoredDocument(db, modelId);
    expect(stored.snapshot?.byteLength).toBeGreaterThan(2_000_000);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, stored.snapshot ?? new Uint8Array());
    expect(copy.getText("t").toString()).toBe("x".repeat(2_000_000));
  });
});
