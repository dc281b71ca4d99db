import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { countEntities } from "@/lib/model/roots";
import { addThreat, listThreats } from "@/lib/model/threats";
import { encodeUpdateMessage } from "@/server/collab/protocol";
import { createModel, signUp, type TestUser } from "./support/api-client";
import { connectClient, openRawSocket, waitFor, waitForSync } from "./support/collab-client";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

const ENTITY_LIMIT = 20;

describe.each(DATABASES)("limits on what one update brings (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let modelId: string;
  const path = () => `/collab/${modelId}?schema=${SCHEMA_VERSION}`;

  beforeAll(async () => {
    server = await startTestServer(kind, { MAX_ENTITIES_PER_DOCUMENT: String(ENTITY_LIMIT) });
    owner = await signUp(server, "Lena Limits");
    modelId = await createModel(server, owner, "Bounded");
  });
  afterAll(() => server.destroy());

  /** A raw writer that has joined, and the document as the server holds it. */
  async function joinAsWriter() {
    const raw = openRawSocket(server, path(), { user: owner });
    expect(await raw.opened).toBe(true);
    await waitFor(() => raw.messages.length >= 1, undefined, "sync step 1");
    const reader = connectClient(server, modelId, { user: owner });
    await waitForSync(reader);
    return { raw, reader };
  }

  /** The update `change` makes to a copy of `doc`. */
  function updateOf(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(copy);
    change(copy);
    return Y.encodeStateAsUpdate(copy, before);
  }

  it("refuses an update of more new items than allowed with 4413, before applying it", async () => {
    const { raw, reader } = await joinAsWriter();
    const update = updateOf(reader.doc, (copy) => {
      const padding = copy.getMap("padding");
      copy.transact(() => {
        for (let i = 0; i < 60_000; i++) padding.set(`k${i}`, 0);
      });
    });
    raw.socket.send(encodeUpdateMessage(update));
    const outcome = await raw.outcome;
    expect(outcome.closeCode).toBe(CLOSE_CODES.documentTooLarge);
    expect(outcome.closeReason).toBe("update too large");
    expect(reader.doc.getMap("padding").size).toBe(0);
    reader.destroy();
  });

  it("refuses entities past the document's limit with 4413, and keeps the document within it", async () => {
    const { raw, reader } = await joinAsWriter();
    const start = countEntities(reader.doc);
    const fill = updateOf(reader.doc, (copy) => {
      for (let i = start; i < ENTITY_LIMIT; i++) {
        addThreat(copy, { title: `Threat ${i}`, category: "tampering" }, owner.id);
      }
    });
    raw.socket.send(encodeUpdateMessage(fill));
    await waitFor(() => countEntities(reader.doc) === ENTITY_LIMIT, undefined, "the document full");
    const overflow = updateOf(reader.doc, (copy) =>
      addThreat(copy, { title: "One too many", category: "spoofing" }, owner.id),
    );
    raw.socket.send(encodeUpdateMessage(overflow));
    const outcome = await raw.outcome;
    expect(outcome.closeCode).toBe(CLOSE_CODES.documentTooLarge);
    expect(outcome.closeReason).toBe("entity limit reached");
    expect(countEntities(reader.doc)).toBe(ENTITY_LIMIT);
    expect(listThreats(reader.doc).some((t) => t.title === "One too many")).toBe(false);
    reader.destroy();
  });
});
