/**
 * Fuzzing the realtime endpoint: several editor connections send up to 30,000 random and
 * mutated y-websocket frames into a live room while two honest clients edit it. The server
 * must stay up, close fuzzers only with documented codes, never disconnect the honest clients,
 * and keep a document everyone agrees on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { LIMITS } from "@/lib/limits";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { getMeta, getTitle } from "@/lib/model/meta";
import { addThreat, hasThreat, listThreats, updateThreat } from "@/lib/model/threats";
import { api, createModel, setMembers, signUp, type TestUser } from "./support/api-client";
import {
  connectClient,
  openRawSocket,
  waitFor,
  waitForSync,
  type CollabClient,
} from "./support/collab-client";
import { DEADLINE, timeoutFor } from "./support/deadlines";
import { createFrameSource, createRandom } from "./support/fuzz-frames";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

const FUZZERS = 6;
const MAX_FRAMES = 30_000;
/** Alone on two cores all MAX_FRAMES go out in about 15 s; beside other load, fewer do. */
const MAX_FUZZ_MS = 20_000;
/**
 * Frames a fuzzer sends before yielding to see whether it was closed. Most frames close the
 * connection, and the server drops whatever follows the first that does: small bursts keep
 * most frames decoded, at the price of a reconnect each.
 */
const FRAMES_PER_BURST = 4;
const HONEST_EDIT_INTERVAL_MS = 50;
/** Codes a fuzzing connection may be closed with: documented ones, or its own normal close. */
const ACCEPTED_CLOSE_CODES = new Set<number>([...Object.values(CLOSE_CODES), 1000]);

/** What the fuzzing connections did. */
interface FuzzTally {
  framesSent: number;
  connections: number;
  closeCodes: Map<number, number>;
}

describe.each(DATABASES)("fuzzing the realtime endpoint (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let honestEditor: TestUser;
  let fuzzer: TestUser;
  let modelId: string;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind);
    [owner, honestEditor, fuzzer] = await Promise.all([
      signUp(server, "Olive Owner"),
      signUp(server, "Hana Honest"),
      signUp(server, "Fritz Fuzzer"),
    ]);
    modelId = await createModel(server, owner, "Fuzzed model");
    const answer = await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: honestEditor, role: "editor" },
      { user: fuzzer, role: "editor" },
    ]);
    expect(answer.status).toBe(200);
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server.destroy();
  });

  /** One fuzzing identity: connects, sends bursts, reconnects when closed, until the budget ends. */
  async function runFuzzer(
    index: number,
    budget: { deadline: number; framesLeft: () => number; take: () => void },
    tally: FuzzTally,
  ): Promise<void> {
    const random = createRandom(0xf022 + index);
    const nextFrame = createFrameSource({ authorId: fuzzer.id });
    // Each fuzzer's first connection opens with a frame over the size limit, alone.
    let isOversizedSent = false;
    while (Date.now() < budget.deadline && budget.framesLeft() > 0) {
      const raw = openRawSocket(server, `/collab/${modelId}?schema=${SCHEMA_VERSION}`, {
        user: fuzzer,
      });
      tally.connections += 1;
      if (!(await raw.opened)) throw new Error("a fuzzing editor was refused at the upgrade");
      let isClosed = false;
      void raw.outcome.then((outcome) => {
        isClosed = true;
        const code = outcome.closeCode ?? -(outcome.unexpectedStatus ?? 0);
        tally.closeCodes.set(code, (tally.closeCodes.get(code) ?? 0) + 1);
      });
      if (!isOversizedSent) {
        isOversizedSent = true;
        raw.socket.send(new Uint8Array(LIMITS.wsMessageBytes + 1));
        budget.take();
        tally.framesSent += 1;
      }
      while (!isClosed && Date.now() < budget.deadline && budget.framesLeft() > 0) {
        for (let i = 0; i < FRAMES_PER_BURST && budget.framesLeft() > 0; i++) {
          const frame = nextFrame(random);
          if (raw.socket.readyState !== raw.socket.OPEN) break;
          if (frame.isText) raw.socket.send(Buffer.from(frame.bytes).toString("latin1"));
          else raw.socket.send(frame.bytes);
          budget.take();
          tally.framesSent += 1;
        }
        // Lets the server answer (and close) before the next burst.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      if (!isClosed) raw.socket.close(1000);
      await raw.outcome;
    }
  }

  it(
    "survives a storm of malformed frames with the room intact",
    timeoutFor(DEADLINE.sync, MAX_FUZZ_MS, 3 * DEADLINE.propagation, DEADLINE.sync),
    async () => {
      const alice = connectClient(server, modelId, { user: owner });
      const bob = connectClient(server, modelId, { user: honestEditor });
      clients.push(alice, bob);
      await Promise.all([waitForSync(alice), waitForSync(bob)]);

      const honestThreats: string[] = [];
      let edits = 0;
      const editTimer = setInterval(() => {
        const [writer, authorId] = edits % 2 === 0 ? [alice, owner.id] : [bob, honestEditor.id];
        edits += 1;
        const known = honestThreats.filter((id) => hasThreat(writer.doc, id));
        if (edits % 3 === 0 && known.length > 0) {
          const id = known[edits % known.length] ?? "";
          updateThreat(writer.doc, id, { description: `Revised during fuzzing, edit ${edits}` });
          return;
        }
        honestThreats.push(
          addThreat(
            writer.doc,
            { title: `Honest threat ${edits}`, category: "spoofing" },
            authorId,
          ),
        );
      }, HONEST_EDIT_INTERVAL_MS);

      const tally: FuzzTally = { framesSent: 0, connections: 0, closeCodes: new Map() };
      let framesLeft = MAX_FRAMES;
      const budget = {
        deadline: Date.now() + MAX_FUZZ_MS,
        framesLeft: () => framesLeft,
        take: () => {
          framesLeft -= 1;
        },
      };
      try {
        await Promise.all(
          Array.from({ length: FUZZERS }, (_, index) => runFuzzer(index, budget, tally)),
        );
      } finally {
        clearInterval(editTimer);
      }

      console.info(
        `fuzz (${kind}): ${tally.framesSent} frames over ${tally.connections} connections; closes`,
        Object.fromEntries(tally.closeCodes),
      );

      // The process is up and serving.
      const health = await api(server, "GET", "/api/health");
      expect(health.status).toBe(200);

      // Fuzzers were closed only with documented codes, and many frames went through.
      const unexpected = [...tally.closeCodes.keys()].filter(
        (code) => !ACCEPTED_CLOSE_CODES.has(code),
      );
      expect(unexpected).toEqual([]);
      expect(tally.framesSent).toBeGreaterThan(3_000);
      expect(tally.closeCodes.get(CLOSE_CODES.malformedMessage) ?? 0).toBeGreaterThan(300);
      expect(tally.closeCodes.get(CLOSE_CODES.messageTooBig)).toBe(FUZZERS);

      // The honest clients were never disconnected, and they converge with the server.
      expect(alice.closes).toEqual([]);
      expect(bob.closes).toEqual([]);
      expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true);
      const room = server.runtime.rooms.peek(modelId);
      if (!room) throw new Error("the room was unloaded while clients were connected");
      const serverState = () => Y.encodeStateVector(room.doc).toString();
      await waitFor(
        () =>
          Y.encodeStateVector(alice.doc).toString() === serverState() &&
          Y.encodeStateVector(bob.doc).toString() === serverState(),
        DEADLINE.propagation,
        "the honest clients to converge with the server",
      );
      const aliceThreats = listThreats(alice.doc);
      expect(listThreats(bob.doc)).toEqual(aliceThreats);
      const stored = new Set(aliceThreats.map((threat) => threat.id));
      expect(honestThreats.filter((id) => !stored.has(id))).toEqual([]);

      // A fresh client loads the same document, and the model accessors read it.
      const fresh = connectClient(server, modelId, { user: owner });
      clients.push(fresh);
      await waitForSync(fresh);
      await waitFor(
        () => Y.encodeStateVector(fresh.doc).toString() === serverState(),
        DEADLINE.propagation,
        "a fresh client to load the document",
      ).catch((error: unknown) => {
        // Say what differs, so that a rare failure can be understood from its log.
        const describe = (doc: Y.Doc) => ({
          stateVector: Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc))),
          pending: doc.store.pendingStructs
            ? Object.fromEntries(doc.store.pendingStructs.missing)
            : null,
          pendingDeletes: doc.store.pendingDs !== null,
        });
        throw new Error(
          `${String(error)}: ${JSON.stringify({ server: describe(room.doc), fresh: describe(fresh.doc), alice: describe(alice.doc) })}`,
        );
      });
      expect(listThreats(fresh.doc)).toEqual(aliceThreats);
      expect(getMeta(fresh.doc).title).toBe(getTitle(alice.doc));

      // Still a working room: an honest edit after the fuzzing reaches the other client.
      const last = addThreat(
        alice.doc,
        { title: "After the storm", category: "repudiation" },
        owner.id,
      );
      await waitFor(
        () => listThreats(bob.doc).some((t) => t.id === last),
        DEADLINE.propagation,
        "a late edit",
      );
    },
  );
});
