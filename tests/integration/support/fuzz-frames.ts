/**
 * Frames for fuzzing the realtime endpoint: random bytes and valid y-websocket messages that
 * are truncated, bit-flipped, given huge varints or wrong message types. A seeded generator
 * makes every run send the same frames.
 */
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { addThreat } from "@/lib/model/threats";
import { setTitle } from "@/lib/model/meta";
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
} from "@/server/collab/protocol";

/** A frame to send: binary, or (rarely) text, which the endpoint refuses. */
export type FuzzFrame = { bytes: Uint8Array; isText?: boolean };

/** A deterministic pseudo-random generator (mulberry32). */
export function createRandom(seed: number): {
  below(limit: number): number;
  chance(probability: number): boolean;
  bytes(length: number): Uint8Array;
} {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    below: (limit) => Math.floor(next() * limit),
    chance: (probability) => next() < probability,
    bytes: (length) => Uint8Array.from({ length }, () => Math.floor(next() * 256)),
  };
}

type Random = ReturnType<typeof createRandom>;

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Valid messages a fuzzing editor could send, built from a document of its own. */
function buildSeedMessages(authorId: string): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  setTitle(doc, "Fuzzed title");
  for (let i = 0; i < 5; i++) {
    addThreat(doc, { title: `Fuzzer threat ${i}`, category: "tampering" }, authorId);
  }
  const awareness = encodeAwarenessMessage(
    encodeAwarenessEntries([
      { clientId: doc.clientID, clock: 1, state: { user: { name: "Fuzzer", color: "#ff0000" } } },
    ]),
  );
  return [
    encodeSyncStep1(doc),
    encodeSyncStep2(doc),
    ...updates.map(encodeUpdateMessage),
    awareness,
    message((e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS)),
  ];
}

function mutate(random: Random, valid: Uint8Array): Uint8Array {
  const copy = valid.slice();
  switch (random.below(5)) {
    case 0: // truncate
      return copy.slice(0, random.below(copy.length));
    case 1: {
      // flip one to four bits
      const flips = 1 + random.below(4);
      for (let i = 0; i < flips && copy.length > 0; i++) {
        const index = random.below(copy.length);
        copy[index] = (copy[index] ?? 0) ^ (1 << random.below(8));
      }
      return copy;
    }
    case 2: {
      // overwrite a run of bytes with random ones
      const start = random.below(Math.max(1, copy.length));
      copy.set(random.bytes(Math.min(8, copy.length - start)), start);
      return copy;
    }
    case 3: // append trailing garbage
      return Uint8Array.from([...copy, ...random.bytes(1 + random.below(16))]);
    default: // swap the message type
      if (copy.length > 0) copy[0] = random.below(8);
      return copy;
  }
}

/** A varuint of up to ten continuation bytes: larger than any length or type can be. */
function hugeVarint(random: Random): number[] {
  return [...Array.from({ length: 5 + random.below(6) }, () => 0x80 | random.below(128)), 0x7f];
}

/**
 * Returns a generator of fuzz frames. Roughly: a quarter random bytes, half mutated valid
 * messages, the rest huge varints, wrong types, hostile awareness and a few valid messages.
 */
export function createFrameSource(options: { authorId: string }): (random: Random) => FuzzFrame {
  const seeds = buildSeedMessages(options.authorId);
  const pick = (random: Random) => seeds[random.below(seeds.length)] ?? new Uint8Array();
  return (random) => {
    const roll = random.below(100);
    if (roll < 20) return { bytes: random.bytes(random.below(random.chance(0.1) ? 4096 : 48)) };
    if (roll < 25) return { bytes: new Uint8Array(0) };
    if (roll < 70) return { bytes: mutate(random, pick(random)) };
    if (roll < 76) {
      // A huge varint as message type, sync type or payload length.
      const at = random.below(3);
      const prefix = at === 0 ? [] : at === 1 ? [MESSAGE_SYNC] : [MESSAGE_SYNC, random.below(3)];
      return { bytes: Uint8Array.from([...prefix, ...hugeVarint(random), ...random.bytes(4)]) };
    }
    if (roll < 80) {
      // Unknown message and sync types, and the auth type this server does not speak.
      const bytes = random.chance(0.5)
        ? [2 + random.below(200), ...random.bytes(random.below(8))]
        : [MESSAGE_SYNC, 3 + random.below(100), 1, 0];
      return { bytes: Uint8Array.from(bytes) };
    }
    if (roll < 86) {
      // Awareness that is not JSON, not an object, has too many entries or another's id.
      const kind = random.below(4);
      const entries = message((e) => {
        const count = kind === 2 ? 65 + random.below(1000) : 1;
        encoding.writeVarUint(e, count);
        for (let i = 0; i < Math.min(count, 70); i++) {
          encoding.writeVarUint(e, kind === 3 ? random.below(2 ** 31) : 1 + random.below(50));
          encoding.writeVarUint(e, random.below(1000));
          encoding.writeVarString(e, kind === 0 ? "{not json" : kind === 1 ? "[1,2,3]" : "{}");
        }
      });
      return {
        bytes: message((e) => {
          encoding.writeVarUint(e, MESSAGE_AWARENESS);
          encoding.writeVarUint8Array(e, entries);
        }),
      };
    }
    if (roll < 90) return { bytes: random.bytes(8), isText: true };
    // Valid messages: sync step 1 with a random state vector, or one of the seeds.
    if (random.chance(0.5)) {
      const vector = message((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, random.below(2 ** 31));
        encoding.writeVarUint(e, random.below(1000));
      });
      return {
        bytes: message((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC);
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint8Array(e, vector);
        }),
      };
    }
    return { bytes: pick(random) };
  };
}
