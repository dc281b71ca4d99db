import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { encodeIntegratedState, hasPendingContent } from "./integrated-state";

/** Two updates of one peer: the second depends on the first. */
function twoUpdates(): [Uint8Array, Uint8Array] {
  const peer = new Y.Doc();
  const updates: Uint8Array[] = [];
  peer.on("update", (update: Uint8Array) => updates.push(update));
  peer.getText("t").insert(0, "first ");
  peer.getText("t").insert(6, "second");
  return [updates[0] ?? new Uint8Array(), updates[1] ?? new Uint8Array()];
}

describe("the state the server sends", () => {
  it("leaves out what waits for a dependency, and keeps it for when that arrives", () => {
    const [first, second] = twoUpdates();
    const server = new Y.Doc();
    Y.applyUpdate(server, second);
    expect(hasPendingContent(server)).toBe(true);

    // Yjs's own encoding would send the pending half along; ours sends what is integrated.
    const sent = new Y.Doc();
    Y.applyUpdate(sent, encodeIntegratedState(server));
    expect(hasPendingContent(sent)).toBe(false);
    expect(Y.encodeStateVector(sent)).toEqual(Y.encodeStateVector(server));
    const yjsOwn = new Y.Doc();
    Y.applyUpdate(yjsOwn, Y.encodeStateAsUpdate(server));
    expect(hasPendingContent(yjsOwn)).toBe(true);

    // The pending content is still there: when the first update arrives, both integrate.
    Y.applyUpdate(server, first);
    expect(hasPendingContent(server)).toBe(false);
    expect(server.getText("t").toString()).toBe("first second");
    const later = new Y.Doc();
    Y.applyUpdate(later, encodeIntegratedState(server));
    expect(later.getText("t").toString()).toBe("first second");
  });

  it("encodes only what a state vector lacks", () => {
    const [first, second] = twoUpdates();
    const server = new Y.Doc();
    Y.applyUpdate(server, first);
    Y.applyUpdate(server, second);
    const client = new Y.Doc();
    Y.applyUpdate(client, first);
    Y.applyUpdate(client, encodeIntegratedState(server, Y.encodeStateVector(client)));
    expect(client.getText("t").toString()).toBe("first second");
  });
});
