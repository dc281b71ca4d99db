import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { foldUpdates, sliceUpdate } from "./update-slices";

/** A small deterministic random number generator (mulberry32), so failures can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Three peers editing maps, arrays, text and XML concurrently, syncing now and then. */
type Peers = [Y.Doc, Y.Doc, Y.Doc];

function pick(peers: Peers, next: () => number): Y.Doc {
  return peers[Math.floor(next() * peers.length) % peers.length] ?? peers[0];
}

function concurrentEdits(
  seed: number,
  rounds: number,
  peers: Peers = [new Y.Doc(), new Y.Doc(), new Y.Doc()],
): Peers {
  const next = random(seed);
  for (let round = 0; round < rounds; round += 1) {
    const peer = pick(peers, next);
    const choice = next();
    peer.transact(() => {
      if (choice < 0.25) {
        const map = peer.getMap("elements");
        const key = `e${Math.floor(next() * 30)}`;
        if (next() < 0.2) map.delete(key);
        else {
          const entity = new Y.Map<unknown>();
          entity.set("name", `n${round}`);
          entity.set("x", round);
          map.set(key, entity);
        }
      } else if (choice < 0.5) {
        const list = peer.getArray<number>("order");
        if (list.length > 0 && next() < 0.3) list.delete(Math.floor(next() * list.length), 1);
        else list.insert(Math.floor(next() * (list.length + 1)), [round, round + 1]);
      } else if (choice < 0.75) {
        const text = peer.getText("title");
        if (text.length > 0 && next() < 0.3) text.delete(Math.floor(next() * text.length), 1);
        else text.insert(Math.floor(next() * (text.length + 1)), `t${round}`);
      } else {
        const notes = peer.getXmlFragment("notes");
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(`p${round}`)]);
        notes.insert(Math.floor(next() * (notes.length + 1)), [paragraph]);
      }
    });
    if (next() < 0.3) {
      const [from, to] = [pick(peers, next), pick(peers, next)];
      Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    }
  }
  // Everyone converges, so that the interleaving of peers is part of the final state.
  for (const from of peers) {
    for (const to of peers) Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
  }
  return peers;
}

function contentOf(doc: Y.Doc): unknown {
  return {
    elements: doc.getMap("elements").toJSON(),
    order: doc.getArray("order").toJSON(),
    title: doc.getText("title").toString(),
    notes: doc.getXmlFragment("notes").toString(),
  };
}

/** Applies slices one by one, checking that none leaves structs waiting for a later one. */
function applySlices(doc: Y.Doc, slices: Uint8Array[]): void {
  for (const slice of slices) {
    Y.applyUpdate(doc, slice);
    expect(doc.store.pendingStructs).toBeNull();
  }
}

describe("sliceUpdate", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`rebuilds a document of concurrent edits slice by slice, never pending (seed ${seed})`, () => {
      const [source] = concurrentEdits(seed, 400);
      const state = Y.encodeStateAsUpdate(source);
      const slices = sliceUpdate(state, { maxStructs: 7 });
      expect(slices.length).toBeGreaterThan(10);
      const copy = new Y.Doc();
      applySlices(copy, slices);
      expect(contentOf(copy)).toEqual(contentOf(source));
      expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(source));
    });
  }

  it("brings only what a document lacks when given its state vector", () => {
    const peers = concurrentEdits(9, 150);
    // A node that heard the first half of the history and missed the rest.
    const behind = new Y.Doc();
    Y.applyUpdate(behind, Y.encodeStateAsUpdate(peers[0]));
    const [source] = concurrentEdits(10, 150, peers);
    const state = Y.encodeStateAsUpdate(source);
    const slices = sliceUpdate(state, { maxStructs: 5, since: Y.encodeStateVector(behind) });
    const whole = sliceUpdate(state, { maxStructs: 5 });
    expect(slices.length).toBeLessThan(whole.length);
    applySlices(behind, slices);
    expect(contentOf(behind)).toEqual(contentOf(source));
  });

  it("slices a client's incremental update with dependencies outside it", () => {
    const [base] = concurrentEdits(11, 100);
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(base));
    const before = Y.encodeStateVector(editor);
    editor.transact(() => {
      const text = editor.getText("title");
      for (let i = 0; i < 50; i += 1) text.insert(Math.floor(text.length / 2), `x${i}`);
      for (let i = 0; i < 40; i += 1) editor.getMap("elements").set(`k${i}`, i);
    });
    const update = Y.encodeStateAsUpdate(editor, before);
    const receiver = new Y.Doc();
    Y.applyUpdate(receiver, Y.encodeStateAsUpdate(base));
    applySlices(receiver, sliceUpdate(update, { maxStructs: 3 }));
    expect(contentOf(receiver)).toEqual(contentOf(editor));
  });

  it("carries deletions in a slice of their own", () => {
    const doc = new Y.Doc();
    const list = doc.getArray<number>("order");
    list.insert(0, [1, 2, 3, 4, 5, 6]);
    list.delete(1, 2);
    const slices = sliceUpdate(Y.encodeStateAsUpdate(doc), { maxStructs: 100 });
    expect(slices).toHaveLength(2);
    const copy = new Y.Doc();
    applySlices(copy, slices);
    expect(copy.getArray("order").toJSON()).toEqual([1, 4, 5, 6]);
  });

  it("returns no slice for an update the document already covers", () => {
    const [source] = concurrentEdits(3, 50);
    const state = Y.encodeStateAsUpdate(source);
    const slices = sliceUpdate(state, { maxStructs: 10, since: Y.encodeStateVector(source) });
    // Only the delete set (when there is one) remains.
    for (const slice of slices) expect(Y.decodeUpdate(slice).structs).toHaveLength(0);
  });
});

describe("foldUpdates", () => {
  it("folds a snapshot and a log into one state with the same content", () => {
    const [source] = concurrentEdits(21, 200);
    const log: Uint8Array[] = [];
    const replica = new Y.Doc();
    replica.on("update", (update: Uint8Array) => log.push(update));
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(source));
    replica.getMap("elements").set("late", 1);
    const folded = foldUpdates(log);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, folded);
    expect(contentOf(copy)).toEqual(contentOf(replica));
  });
});
