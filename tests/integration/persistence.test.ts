import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { docSnapshots, docUpdates, models } from "@/drizzle/schema";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { getTitle, setTitle } from "@/lib/model/meta";
import { RoomManager } from "@/server/collab/room-manager";
import { loadStoredDocument } from "@/server/collab/persistence";
import * as Y from "yjs";
import { addThreat, listThreats } from "@/lib/model/threats";
import { createModel, signUp, type TestUser } from "./support/api-client";
import { connectClient, waitFor, waitForSync } from "./support/collab-client";
import {
  DATABASES,
  restartTestServer,
  startTestServer,
  type TestServer,
} from "./support/test-server";

describe.each(DATABASES)("persistence (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;

  beforeAll(async () => {
    server = await startTestServer(kind, { COMPACT_AFTER_UPDATES: "20" });
    owner = await signUp(server, "Pat Persist");
  });
  afterAll(() => server.destroy());

  const countRows = async (modelId: string) => {
    const db = server.runtime.db;
    const [updates] = await db
      .select({ n: count() })
      .from(docUpdates)
      .where(eq(docUpdates.modelId, modelId));
    const [snapshots] = await db
      .select({ n: count() })
      .from(docSnapshots)
      // Compaction snapshots; versions (daily ones included) are kept apart.
      .where(and(eq(docSnapshots.modelId, modelId), eq(docSnapshots.kind, "auto")));
    return { updates: updates?.n ?? 0, snapshots: snapshots?.n ?? 0 };
  };

  it("compacts the update log into one snapshot as it grows and when the room empties", async () => {
    const modelId = await createModel(server, owner, "Compaction");
    const client = connectClient(server, modelId, { user: owner });
    await waitForSync(client);
    const ids: string[] = [];
    for (let i = 0; i < 75; i++) {
      ids.push(addThreat(client.doc, { title: `Threat ${i}`, category: "tampering" }, owner.id));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const room = () => server.runtime.rooms.peek(modelId);
    await waitFor(
      () => listThreats(room()?.doc ?? client.doc).length === 75 && room()?.isSettled === true,
      5000,
      "all stored",
    );
    // Compaction kept the log short while the room was busy: never all 75 updates at once.
    const busy = await countRows(modelId);
    expect(busy.updates).toBeLessThan(40);
    expect(busy.snapshots).toBe(1);
    // The model list follows the document's title.
    setTitle(client.doc, "Compaction, renamed live");
    client.destroy();
    await waitFor(() => room() === undefined, 5000, "unload");
    expect(await countRows(modelId)).toEqual({ updates: 0, snapshots: 1 });
    const [row] = await server.runtime.db.select().from(models).where(eq(models.id, modelId));
    expect(row?.title).toBe("Compaction, renamed live");

    await server.stop();
    server = await restartTestServer(server);
    const reader = connectClient(server, modelId, { user: owner });
    await waitForSync(reader);
    expect(
      listThreats(reader.doc)
        .map((t) => t.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(getTitle(reader.doc)).toBe("Compaction, renamed live");
    reader.destroy();
  });

  it("unloads every room once its clients leave", async () => {
    const modelIds = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createModel(server, owner, `Room ${i}`)),
    );
    const clients = modelIds.map((id) => connectClient(server, id, { user: owner }));
    await Promise.all(clients.map((c) => waitForSync(c)));
    expect(server.runtime.rooms.roomCount).toBe(20);
    expect(server.runtime.rooms.connectionCount).toBe(20);
    for (const client of clients) client.destroy();
    await waitFor(() => server.runtime.rooms.roomCount === 0, 10_000, "all rooms unloaded");
    expect(server.runtime.rooms.connectionCount).toBe(0);
  });

  it("keeps what another node stored that this node never heard of when it compacts", async () => {
    // Two nodes of one database whose bus messages did not reach each other (Redis was down):
    // the second node stores its edit in a snapshot when it unloads; the first one, still
    // serving a client, compacts later without having received that edit.
    const modelId = await createModel(server, owner, "Two nodes");
    const client = connectClient(server, modelId, { user: owner });
    await waitForSync(client);
    addThreat(client.doc, { title: "From the first node", category: "spoofing" }, owner.id);
    const otherNode = new RoomManager(server.runtime.db, {
      persistIntervalMs: 10,
      compactAfterUpdates: 1_000,
      unloadGraceMs: 10,
    });
    await otherNode.change(modelId, (doc) => {
      addThreat(doc, { title: "From the other node", category: "tampering" }, owner.id);
    });
    await waitFor(() => otherNode.roomCount === 0, 5_000, "the other node unloaded the room");
    const titles = (doc: Y.Doc) =>
      listThreats(doc)
        .map((threat) => threat.title)
        .sort();

    await server.runtime.rooms.peek(modelId)?.compact();

    const stored = await loadStoredDocument(server.runtime.db, modelId);
    const storedDoc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(storedDoc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(storedDoc, update);
    expect(titles(storedDoc)).toEqual(["From the first node", "From the other node"]);
    // The compaction also brought the other node's edit to this node's client.
    await waitFor(
      () => titles(client.doc).includes("From the other node"),
      5_000,
      "the client sees the other node's edit",
    );
    client.destroy();
  });

  it("drops the room of a model deleted elsewhere at its next write, instead of retrying", async () => {
    const modelId = await createModel(server, owner, "Deleted elsewhere");
    const client = connectClient(server, modelId, { user: owner });
    await waitForSync(client);
    // Deleted by another node: this one is not told, and finds out when it writes.
    await server.runtime.db.delete(models).where(eq(models.id, modelId));
    addThreat(client.doc, { title: "Written after the deletion", category: "spoofing" }, owner.id);
    await waitFor(
      () => client.closes.some((close) => close.code === CLOSE_CODES.modelDeleted),
      5_000,
      "the client told the model was deleted",
    );
    expect(server.runtime.rooms.peek(modelId)).toBeUndefined();
    client.destroy();
  });
});
