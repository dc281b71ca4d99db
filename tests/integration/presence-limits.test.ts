import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { LIMITS } from "@/lib/limits";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { encodeAwarenessEntries, encodeAwarenessMessage } from "@/server/collab/protocol";
import { createModel, setMembers, signUp, type TestUser } from "./support/api-client";
import {
  connectClient,
  openRawSocket,
  waitFor,
  waitForSync,
  type CollabClient,
} from "./support/collab-client";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

type RawSocket = ReturnType<typeof openRawSocket>;

describe.each(DATABASES)("presence and connection limits (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let modelId: string;
  const clients: CollabClient[] = [];
  const raws: RawSocket[] = [];

  const path = (id = modelId) => `/collab/${id}?schema=${SCHEMA_VERSION}`;
  const openRaw = (id = modelId) => {
    const raw = openRawSocket(server, path(id), { user: owner });
    raws.push(raw);
    return raw;
  };
  /** A raw client that has joined: it received the server's sync step 1. */
  const joinRaw = async (id = modelId) => {
    const raw = openRaw(id);
    expect(await raw.opened).toBe(true);
    await waitFor(() => raw.messages.length >= 1, undefined, "sync step 1");
    return raw;
  };

  beforeAll(async () => {
    server = await startTestServer(kind, { MAX_CONNECTIONS_PER_MODEL: "12" });
    owner = await signUp(server, "Paula Presence");
    modelId = await createModel(server, owner, "Presence limits");
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const raw of raws.splice(0)) raw.socket.terminate();
    await waitFor(() => server.runtime.rooms.roomCount === 0, undefined, "rooms to unload");
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("closes a connection whose presence state is larger than the limit with 4413", async () => {
    const raw = await joinRaw();
    const padding = "x".repeat(LIMITS.presenceStateBytes);
    raw.socket.send(
      encodeAwarenessMessage(
        encodeAwarenessEntries([{ clientId: 777, clock: 1, state: { note: padding } }]),
      ),
    );
    const outcome = await raw.outcome;
    expect(outcome.closeCode).toBe(CLOSE_CODES.documentTooLarge);
    expect(outcome.closeReason).toBe("presence state too large");
  });

  it("keeps a presence state just under the limit", async () => {
    const watcher = connectClient(server, modelId, { user: owner });
    clients.push(watcher);
    await waitForSync(watcher);
    const raw = await joinRaw();
    const padding = "x".repeat(LIMITS.presenceStateBytes - 200);
    raw.socket.send(
      encodeAwarenessMessage(
        encodeAwarenessEntries([{ clientId: 778, clock: 1, state: { note: padding } }]),
      ),
    );
    await waitFor(
      () => watcher.provider.awareness.getStates().has(778),
      undefined,
      "the presence to arrive",
    );
    expect(raw.socket.readyState).toBe(raw.socket.OPEN);
  });

  it("lets one connection hold one presence: other ids it announces are dropped", async () => {
    const watcher = connectClient(server, modelId, { user: owner });
    clients.push(watcher);
    await waitForSync(watcher);
    const raw = await joinRaw();
    raw.socket.send(
      encodeAwarenessMessage(
        encodeAwarenessEntries([
          { clientId: 901, clock: 1, state: { cursor: { x: 1, y: 1 } } },
          { clientId: 902, clock: 1, state: { cursor: { x: 2, y: 2 } } },
        ]),
      ),
    );
    raw.socket.send(
      encodeAwarenessMessage(
        encodeAwarenessEntries([{ clientId: 903, clock: 1, state: { cursor: { x: 3, y: 3 } } }]),
      ),
    );
    // Its own id keeps working after the phantoms were dropped.
    raw.socket.send(
      encodeAwarenessMessage(
        encodeAwarenessEntries([{ clientId: 901, clock: 2, state: { cursor: { x: 9, y: 9 } } }]),
      ),
    );
    await waitFor(
      () => watcher.provider.awareness.meta.get(901)?.clock === 2,
      undefined,
      "the owned presence to move",
    );
    const states = watcher.provider.awareness.getStates();
    expect(states.has(901)).toBe(true);
    expect(states.has(902)).toBe(false);
    expect(states.has(903)).toBe(false);
  });

  it(`refuses a user's connection to a model beyond ${LIMITS.connectionsPerUserPerModel} with 4429`, async () => {
    const allowed = [];
    for (let i = 0; i < LIMITS.connectionsPerUserPerModel; i++) allowed.push(await joinRaw());
    const refused = openRaw();
    const outcome = await refused.outcome;
    expect(outcome.closeCode).toBe(CLOSE_CODES.rateLimited);
    expect(outcome.closeReason).toBe("too many connections of this user to this model");
    for (const raw of allowed) expect(raw.socket.readyState).toBe(raw.socket.OPEN);
    // Another model is not affected by the user's connections to this one.
    const otherModel = await createModel(server, owner, "Another model");
    const elsewhere = await joinRaw(otherModel);
    expect(elsewhere.socket.readyState).toBe(elsewhere.socket.OPEN);
    // A connection that leaves makes room for a new one.
    allowed[0]?.socket.close();
    await allowed[0]?.outcome;
    const again = await joinRaw();
    expect(again.socket.readyState).toBe(again.socket.OPEN);
  });

  it("refuses connections to a model beyond its limit with 4429, whoever opens them", async () => {
    const others = await Promise.all(
      ["Ann", "Ben", "Cas"].map((name) => signUp(server, `${name} Crowd`)),
    );
    const members = [
      { user: owner, role: "owner" },
      ...others.map((user) => ({ user, role: "editor" })),
    ];
    expect((await setMembers(server, owner, modelId, members)).status).toBe(200);
    const open: RawSocket[] = [];
    // 12 in all (the server's limit): 4 users x 3 connections.
    for (const user of [owner, ...others]) {
      for (let i = 0; i < 3; i++) {
        const raw = openRawSocket(server, path(), { user });
        raws.push(raw);
        expect(await raw.opened).toBe(true);
        await waitFor(() => raw.messages.length >= 1, undefined, "sync step 1");
        open.push(raw);
      }
    }
    const extra = openRawSocket(server, path(), { user: others[0] ?? owner });
    raws.push(extra);
    const outcome = await extra.outcome;
    expect(outcome.closeCode).toBe(CLOSE_CODES.rateLimited);
    expect(outcome.closeReason).toBe("too many connections to this model");
    for (const raw of open) expect(raw.socket.readyState).toBe(raw.socket.OPEN);
  });
});
