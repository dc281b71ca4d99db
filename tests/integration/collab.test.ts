import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { LIMITS } from "@/lib/limits";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { getTitle, setTitle } from "@/lib/model/meta";
import { getMetaMap } from "@/lib/model/roots";
import { encodeAwarenessEntries, encodeAwarenessMessage } from "@/server/collab/protocol";
import { addThreat, listThreats, updateThreat } from "@/lib/model/threats";
import { api, createModel, setMembers, signUp, type TestUser } from "./support/api-client";
import {
  connectClient,
  openRawSocket,
  waitFor,
  waitForSync,
  type CollabClient,
} from "./support/collab-client";
import { DEADLINE, timeoutFor } from "./support/deadlines";
import {
  DATABASES,
  restartTestServer,
  startTestServer,
  type TestServer,
} from "./support/test-server";

describe.each(DATABASES)("realtime collaboration (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let modelId: string;
  const clients: CollabClient[] = [];

  const connect = (user: TestUser, id = modelId) => {
    const client = connectClient(server, id, { user });
    clients.push(client);
    return client;
  };

  /** Waits until the server's room holds the threat and has appended it to the log. */
  const waitForStored = (id: string, threatId: string) =>
    waitFor(
      () => {
        const room = server.runtime.rooms.peek(id);
        return Boolean(
          room && room.isSettled && listThreats(room.doc).some((t) => t.id === threatId),
        );
      },
      5000,
      "the edit to be stored",
    );

  beforeAll(async () => {
    server = await startTestServer(kind);
    [owner, editor, viewer, outsider] = await Promise.all([
      signUp(server, "Olive Owner"),
      signUp(server, "Eddie Editor"),
      signUp(server, "Vera Viewer"),
      signUp(server, "Otto Outsider"),
    ]);
    modelId = await createModel(server, owner, "Checkout service");
    const answer = await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: editor, role: "editor" },
      { user: viewer, role: "viewer" },
    ]);
    expect(answer.status).toBe(200);
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server.destroy();
  });

  it("loads the stored document before the first sync", async () => {
    const client = connect(owner);
    await waitForSync(client);
    expect(getTitle(client.doc)).toBe("Checkout service");
    client.destroy();
  });

  it("two clients converge on concurrent edits", async () => {
    const a = connect(owner);
    const b = connect(editor);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    const fromA = addThreat(
      a.doc,
      { title: "Card data sniffed in transit", category: "information-disclosure" },
      owner.id,
    );
    const fromB = addThreat(
      b.doc,
      { title: "Order totals tampered", category: "tampering" },
      editor.id,
    );
    await waitFor(
      () => listThreats(a.doc).length === 2 && listThreats(b.doc).length === 2,
      5000,
      "convergence",
    );
    // Two people editing two fields of one threat both win.
    updateThreat(a.doc, fromB, { status: "mitigated" });
    updateThreat(b.doc, fromB, { title: "Order totals tampered before capture" });
    await waitFor(
      () =>
        listThreats(a.doc).find((t) => t.id === fromB)?.title ===
          "Order totals tampered before capture" &&
        listThreats(b.doc).find((t) => t.id === fromB)?.status === "mitigated",
      5000,
      "field merge",
    );
    expect(listThreats(a.doc)).toEqual(listThreats(b.doc));
    expect(
      listThreats(a.doc)
        .map((t) => t.id)
        .sort(),
    ).toEqual([fromA, fromB].sort());
  });

  it("drops a viewer's document updates but relays the viewer's presence", async () => {
    const owners = connect(owner);
    const viewers = connect(viewer);
    await Promise.all([waitForSync(owners), waitForSync(viewers)]);
    const before = listThreats(owners.doc).length;
    addThreat(viewers.doc, { title: "Viewer sneaks a threat in", category: "spoofing" }, viewer.id);
    viewers.provider.awareness.setLocalStateField("user", {
      id: "forged",
      name: "Someone Else",
      color: "#123456",
    });
    await waitFor(
      () =>
        [...owners.provider.awareness.getStates().values()].some((s) => s.user?.id === viewer.id),
      5000,
      "viewer presence",
    );
    // The server overwrote the forged identity with the signed-in one.
    const seen = [...owners.provider.awareness.getStates().values()].find(
      (s) => s.user?.id === viewer.id,
    );
    expect(seen?.user?.name).toBe("Vera Viewer");
    // An editor's later change arrives, so the viewer's would have arrived by now too.
    setTitle(owners.doc, "Checkout service v2");
    const probe = connect(editor);
    await waitForSync(probe);
    await waitFor(() => getTitle(probe.doc) === "Checkout service v2", 5000, "owner edit");
    expect(listThreats(probe.doc)).toHaveLength(before);
    expect(listThreats(owners.doc)).toHaveLength(before);
  });

  it("echoes a lone viewer's presence back, so its connection never falls silent", async () => {
    const id = await createModel(server, owner, "Quiet room");
    await setMembers(server, owner, id, [
      { user: owner, role: "owner" },
      { user: viewer, role: "viewer" },
    ]);
    const raw = openRawSocket(server, `/collab/${id}?schema=${SCHEMA_VERSION}`, { user: viewer });
    expect(await raw.opened).toBe(true);
    await waitFor(() => raw.messages.length >= 1, 5000, "sync step 1");
    const before = raw.messages.length;
    raw.socket.send(
      encodeAwarenessMessage(
        encodeAwarenessEntries([{ clientId: 4242, clock: 1, state: { cursor: null } }]),
      ),
    );
    await waitFor(() => raw.messages.length > before, 5000, "awareness echo");
    expect(raw.messages.at(-1)?.[0]).toBe(1); // an awareness message
    raw.socket.close();
  });

  it("refuses an upgrade without credentials with 401 and creates no room", async () => {
    const { outcome } = openRawSocket(server, `/collab/${modelId}?schema=${SCHEMA_VERSION}`, {});
    expect((await outcome).unexpectedStatus).toBe(401);
    const forged = openRawSocket(
      server,
      `/collab/${modelId}?schema=${SCHEMA_VERSION}`,
      {},
      {
        cookie: "next-auth.session-token=not-a-real-token",
      },
    );
    expect((await forged.outcome).unexpectedStatus).toBe(401);
  });

  it("refuses a foreign Origin with 403", async () => {
    const { outcome } = openRawSocket(
      server,
      `/collab/${modelId}?schema=${SCHEMA_VERSION}`,
      { user: owner },
      {
        origin: "https://evil.example",
      },
    );
    expect((await outcome).unexpectedStatus).toBe(403);
  });

  it("closes non-members, unknown models and malformed ids with 4404", async () => {
    for (const target of [modelId, "no-such-model", "%2e%2e%2fetc"]) {
      const { outcome } = openRawSocket(server, `/collab/${target}?schema=${SCHEMA_VERSION}`, {
        user: outsider,
      });
      expect((await outcome).closeCode).toBe(CLOSE_CODES.modelNotFound);
    }
  });

  it("closes a client with another schema version with 4426", async () => {
    const { outcome } = openRawSocket(server, `/collab/${modelId}?schema=${SCHEMA_VERSION + 1}`, {
      user: owner,
    });
    expect((await outcome).closeCode).toBe(CLOSE_CODES.schemaMismatch);
  });

  it("closes a connection that sends malformed frames with 4400, and the room lives on", async () => {
    const watcher = connect(owner);
    await waitForSync(watcher);
    const frames: Uint8Array[] = [
      new Uint8Array([0, 2, 200, 1, 2, 3]), // an update whose length runs past the end
      new Uint8Array([9, 9, 9]), // unknown message type
      new Uint8Array([0, 7, 0]), // unknown sync type
      new Uint8Array([0, 2, 3, 255, 255, 255]), // a corrupt Yjs update
    ];
    for (const frame of frames) {
      const raw = openRawSocket(server, `/collab/${modelId}?schema=${SCHEMA_VERSION}`, {
        user: editor,
      });
      expect(await raw.opened).toBe(true);
      raw.socket.send(frame);
      expect((await raw.outcome).closeCode).toBe(CLOSE_CODES.malformedMessage);
    }
    const text = openRawSocket(server, `/collab/${modelId}?schema=${SCHEMA_VERSION}`, {
      user: editor,
    });
    await text.opened;
    text.socket.send("hello");
    expect((await text.outcome).closeCode).toBe(CLOSE_CODES.malformedMessage);
    // The room still works for everyone else.
    const writer = connect(editor);
    await waitForSync(writer);
    setTitle(writer.doc, "Still alive");
    await waitFor(() => getTitle(watcher.doc) === "Still alive", 5000, "edit after fuzz");
  });

  it("closes an oversized frame with 1009", async () => {
    const raw = openRawSocket(server, `/collab/${modelId}?schema=${SCHEMA_VERSION}`, {
      user: editor,
    });
    await raw.opened;
    raw.socket.send(new Uint8Array(LIMITS.wsMessageBytes + 1));
    expect((await raw.outcome).closeCode).toBe(CLOSE_CODES.messageTooBig);
  });

  it("closes a connection that floods messages with 4429", async () => {
    const raw = openRawSocket(server, `/collab/${modelId}?schema=${SCHEMA_VERSION}`, {
      user: editor,
    });
    await raw.opened;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 3); // query awareness: valid and cheap
    const frame = encoding.toUint8Array(encoder);
    for (let i = 0; i < LIMITS.wsMessageBurst + 50; i++) raw.socket.send(frame);
    expect((await raw.outcome).closeCode).toBe(CLOSE_CODES.rateLimited);
  });

  it("closes the socket of a member whose access is revoked mid-session, and applies role changes live", async () => {
    const member = await signUp(server, "Mia Member");
    await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: editor, role: "editor" },
      { user: viewer, role: "viewer" },
      { user: member, role: "editor" },
    ]);
    const client = connect(member);
    await waitForSync(client);
    // Downgraded to viewer: still connected, but edits are dropped from now on.
    await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: editor, role: "editor" },
      { user: viewer, role: "viewer" },
      { user: member, role: "viewer" },
    ]);
    const ownerView = connect(owner);
    await waitForSync(ownerView);
    const count = listThreats(ownerView.doc).length;
    addThreat(
      client.doc,
      { title: "Written after the downgrade", category: "spoofing" },
      member.id,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(listThreats(ownerView.doc)).toHaveLength(count);
    // Removed: the socket closes with 4403 and the client does not come back.
    await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: editor, role: "editor" },
      { user: viewer, role: "viewer" },
    ]);
    await waitFor(
      () => client.closes.some((c) => c.code === CLOSE_CODES.accessRevoked),
      5000,
      "revocation",
    );
  });

  it("closes token connections when the token is revoked", async () => {
    const created = await api(server, "POST", "/api/tokens", { user: owner, body: { name: "ci" } });
    expect(created.status).toBe(201);
    const body = created.body as { token: { id: string }; secret: string };
    const client = connectClient(server, modelId, { token: body.secret });
    clients.push(client);
    await waitForSync(client);
    expect(
      (await api(server, "DELETE", `/api/tokens/${body.token.id}`, { user: owner })).status,
    ).toBe(204);
    await waitFor(
      () => client.closes.some((c) => c.code === CLOSE_CODES.unauthenticated),
      5000,
      "token revocation",
    );
  });

  it("keeps edits across a restart and unloads idle rooms", async () => {
    const id = await createModel(server, owner, "Restart me");
    const client = connect(owner, id);
    await waitForSync(client);
    const threatId = addThreat(
      client.doc,
      { title: "Survives restarts", category: "denial-of-service" },
      owner.id,
    );
    await waitForStored(id, threatId);
    client.destroy();
    await waitFor(() => server.runtime.rooms.peek(id) === undefined, 5000, "room unload");
    await server.stop();
    server = await restartTestServer(server);
    const again = connect(owner, id);
    await waitForSync(again);
    expect(listThreats(again.doc).map((t) => t.id)).toEqual([threatId]);
    expect(getTitle(again.doc)).toBe("Restart me");
  });

  it("keeps persisting when a peer writes a title the database cannot store", async () => {
    const id = await createModel(server, owner, "Hostile title");
    const client = connect(owner, id);
    await waitForSync(client);
    // A modified client can bypass the accessors and write anything into the document.
    getMetaMap(client.doc).set("title", "nul\u0000title");
    const threatId = addThreat(
      client.doc,
      { title: "Written after", category: "tampering" },
      owner.id,
    );
    await waitForStored(id, threatId);
    client.destroy();
    await server.stop();
    server = await restartTestServer(server);
    const again = connect(owner, id);
    await waitForSync(again);
    expect(listThreats(again.doc).map((t) => t.id)).toEqual([threatId]);
    const listed = await api(server, "GET", `/api/models/${id}`, { user: owner });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain("\\u0000");
  });

  it("closes open sockets with 4410 when the model is deleted", async () => {
    const id = await createModel(server, owner, "Short-lived");
    const client = connect(owner, id);
    await waitForSync(client);
    expect((await api(server, "DELETE", `/api/models/${id}`, { user: owner })).status).toBe(204);
    await waitFor(
      () => client.closes.some((c) => c.code === CLOSE_CODES.modelDeleted),
      5000,
      "deletion close",
    );
  });
});

describe("offline edits", () => {
  it(
    "merges edits made while disconnected when the client reconnects",
    timeoutFor(DEADLINE.serverStart, DEADLINE.sync, DEADLINE.propagation),
    async () => {
      const server = await startTestServer("pglite");
      try {
        const owner = await signUp(server, "Olive Owner");
        const modelId = await createModel(server, owner, "Offline");
        const a = connectClient(server, modelId, { user: owner });
        const b = connectClient(server, modelId, { user: owner });
        await Promise.all([waitForSync(a), waitForSync(b)]);
        a.provider.disconnect();
        const offline = addThreat(
          a.doc,
          { title: "Written offline", category: "repudiation" },
          owner.id,
        );
        const online = addThreat(
          b.doc,
          { title: "Written online", category: "tampering" },
          owner.id,
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(listThreats(b.doc).some((t) => t.id === offline)).toBe(false);
        a.provider.connect();
        await waitFor(
          () =>
            [a, b].every((c) =>
              [offline, online].every((id) => listThreats(c.doc).some((t) => t.id === id)),
            ),
          DEADLINE.propagation,
          "offline merge",
        );
        expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
        a.destroy();
        b.destroy();
      } finally {
        await server.destroy();
      }
    },
  );
});
