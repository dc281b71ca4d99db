import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { LIMITS } from "@/lib/limits";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { addThreat } from "@/lib/model/threats";
import { encodeUpdateMessage } from "@/server/collab/protocol";
import { createModel, setMembers, signUp, type TestUser } from "./support/api-client";
import { connectClient, openRawSocket, waitFor, waitForSync } from "./support/collab-client";
import { startTestServer, type TestServer } from "./support/test-server";

/** A sync step 1 with an empty state vector: "send me the whole document". */
function emptySyncStep1(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(encoder);
}

describe("per-connection budgets in bytes", () => {
  let server: TestServer;
  let owner: TestUser;
  let viewer: TestUser;
  let modelId: string;
  const path = () => `/collab/${modelId}?schema=${SCHEMA_VERSION}`;

  beforeAll(async () => {
    server = await startTestServer("pglite");
    owner = await signUp(server, "Olive Owner");
    viewer = await signUp(server, "Vic Viewer");
    modelId = await createModel(server, owner, "Large model");
    await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: viewer, role: "viewer" },
    ]);
    // About 4 MB of document.
    const writer = connectClient(server, modelId, { user: owner });
    await waitForSync(writer);
    const description = "x".repeat(19_000);
    for (let i = 0; i < 210; i++) {
      addThreat(writer.doc, { title: `Threat ${i}`, category: "tampering", description }, owner.id);
    }
    await waitFor(() => server.runtime.rooms.roomCount === 1, undefined, "room loaded");
    writer.destroy();
  });
  afterAll(() => server.destroy());

  it("closes a viewer that keeps asking for the whole document with 4429", async () => {
    const raw = openRawSocket(server, path(), { user: viewer });
    expect(await raw.opened).toBe(true);
    await waitFor(() => raw.messages.length >= 1, undefined, "the server's sync step 1");
    const request = emptySyncStep1();
    const fullSyncs = Math.ceil(LIMITS.syncEncodeBytesBurst / (4 * 1024 * 1024)) + 5;
    for (let i = 0; i < fullSyncs && raw.socket.readyState === raw.socket.OPEN; i++) {
      raw.socket.send(request);
    }
    const outcome = await raw.outcome;
    expect(outcome.closeCode).toBe(CLOSE_CODES.rateLimited);
    expect(outcome.closeReason).toBe("sync rate exceeded");
    // Those it did answer carried the whole document.
    const answers = outcome.messages.filter((m) => m[0] === 0 && m[1] === 1);
    expect(answers.length).toBeGreaterThan(3);
    expect(Math.min(...answers.map((m) => m.byteLength))).toBeGreaterThan(3_900_000);
  });

  it("closes a connection that sends more bytes than its budget with 4429", async () => {
    const raw = openRawSocket(server, path(), { user: viewer });
    expect(await raw.opened).toBe(true);
    await waitFor(() => raw.messages.length >= 1, undefined, "the server's sync step 1");
    const scratch = new Y.Doc();
    scratch.getMap("padding").set("blob", "y".repeat(1_900_000));
    const big = encodeUpdateMessage(Y.encodeStateAsUpdate(scratch));
    for (let i = 0; i < 4 && raw.socket.readyState === raw.socket.OPEN; i++) raw.socket.send(big);
    const outcome = await raw.outcome;
    expect(outcome.closeCode).toBe(CLOSE_CODES.rateLimited);
    expect(outcome.closeReason).toBe("byte rate exceeded");
  });
});
