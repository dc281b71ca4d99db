import * as Y from "yjs";
import * as encoding from "lib0/encoding";

/**
 * Splits an update into slices of at most `maxStructs` structs each, in an order in which
 * every slice can be applied as soon as the ones before it have been: a struct's left and
 * right neighbours at creation and its parent, when they are in the update, are in the same
 * slice or an earlier one. Applying the slices one by one (with the event loop free between
 * them) then does the work of applying the update without ever holding the thread for long,
 * and without a slice waiting in Yjs's pending structs (which would make later slices merge
 * the pending ones again and again).
 *
 * Structs below `since` (a state vector the receiving document already covers) are left out,
 * so the slices bring exactly what that document lacks. The delete set travels in a last slice
 * of its own (deletions are cheap to apply; a document ignores those it already has).
 *
 * Dependencies outside the update are assumed to be in the receiving document; when they are
 * not, Yjs keeps the struct pending, as it would have for the whole update.
 */
export function sliceUpdate(
  update: Uint8Array,
  options: { maxStructs: number; since?: Uint8Array | null },
): Uint8Array[] {
  const since = options.since ? Y.decodeStateVector(options.since) : new Map<number, number>();
  const decoded = Y.decodeUpdate(update);
  const byClient = new Map<number, (Y.Item | Y.GC)[]>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const known = since.get(struct.id.client) ?? 0;
    if (struct.id.clock + struct.length <= known) continue;
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  const order = causalOrder(byClient, since);
  const slices: Uint8Array[] = [];
  for (let start = 0; start < order.length; start += options.maxStructs) {
    slices.push(encodeStructs(order.slice(start, start + options.maxStructs), since));
  }
  const deletions = deleteSetOnly(update);
  if (deletions) slices.push(deletions);
  return slices;
}

/** The update's delete set as an update with no structs, or null when it deletes nothing. */
function deleteSetOnly(update: Uint8Array): Uint8Array | null {
  // Everything the update holds is below its own state vector, so the diff keeps only the
  // deletions (diffUpdate always carries the whole delete set).
  const deletions = Y.diffUpdate(update, Y.encodeStateVectorFromUpdate(update));
  return Y.decodeUpdate(deletions).ds.clients.size > 0 ? deletions : null;
}

/** The IDs a struct needs before it can be integrated, besides its predecessor by the same client. */
function dependencies(struct: Y.Item | Y.GC): Y.ID[] {
  if (!(struct instanceof Y.Item)) return [];
  const ids: Y.ID[] = [];
  if (struct.origin) ids.push(struct.origin);
  if (struct.rightOrigin) ids.push(struct.rightOrigin);
  if (struct.parent instanceof Y.ID) ids.push(struct.parent);
  return ids;
}

/** The element at `index`, which the caller knows to exist. */
function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`no element at ${index}`);
  return value;
}

/**
 * The structs in an order that puts each after what it depends on (a depth-first topological
 * sort, without recursion so that long chains cannot overflow the stack). A cycle, which no
 * document Yjs produced can hold, is broken rather than followed forever.
 */
function causalOrder(
  byClient: Map<number, (Y.Item | Y.GC)[]>,
  since: Map<number, number>,
): (Y.Item | Y.GC)[] {
  // Every struct gets a number: its client's first number plus its place in the client's list.
  const nodes: (Y.Item | Y.GC)[] = [];
  const firstNode = new Map<number, number>();
  for (const [client, list] of byClient) {
    firstNode.set(client, nodes.length);
    nodes.push(...list);
  }
  const UNSEEN = 0;
  const VISITING = 1;
  const DONE = 2;
  const marks = new Uint8Array(nodes.length);

  /** The number of the struct holding `id`, or -1 when the update lacks it. */
  const nodeOf = (id: Y.ID): number => {
    const list = byClient.get(id.client);
    const first = firstNode.get(id.client);
    if (!list || first === undefined || id.clock < (since.get(id.client) ?? 0)) return -1;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const struct = at(list, middle);
      if (id.clock < struct.id.clock) high = middle - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
      else return first + middle;
    }
    return -1;
  };

  /** The first struct `node` waits for that is not placed yet, or -1. */
  const unplacedDependency = (node: number): number => {
    const struct = at(nodes, node);
    const previous = node - 1;
    if (previous >= 0 && marks[previous] === UNSEEN) {
      const before = at(nodes, previous);
      if (before.id.client === struct.id.client) return previous;
    }
    for (const id of dependencies(struct)) {
      const dependency = nodeOf(id);
      if (dependency >= 0 && marks[dependency] === UNSEEN) return dependency;
    }
    return -1;
  };

  const order: (Y.Item | Y.GC)[] = [];
  for (let root = 0; root < nodes.length; root += 1) {
    if (marks[root] !== UNSEEN) continue;
    const stack = [root];
    while (stack.length > 0) {
      const node = at(stack, stack.length - 1);
      if (marks[node] === DONE) {
        stack.pop();
        continue;
      }
      marks[node] = VISITING;
      const next = unplacedDependency(node);
      if (next >= 0) {
        stack.push(next);
      } else {
        marks[node] = DONE;
        order.push(at(nodes, node));
        stack.pop();
      }
    }
  }
  return order;
}

/**
 * Encodes structs (in causal order) as one update (format v1) with an empty delete set. One
 * update holds one run of structs per client, so gaps between a client's structs in this
 * slice are filled with skips, as Yjs does when it merges updates.
 */
function encodeStructs(structs: (Y.Item | Y.GC)[], since: Map<number, number>): Uint8Array {
  const byClient = new Map<number, (Y.Item | Y.GC)[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  // Higher client ids first, as Yjs writes them.
  for (const [client, list] of [...byClient].sort(([a], [b]) => b - a)) {
    const first = at(list, 0);
    const start = Math.max(first.id.clock, since.get(client) ?? 0);
    let count = 0;
    let clock = start;
    for (const struct of list) {
      if (struct.id.clock > clock) count += 1;
      clock = struct.id.clock + struct.length;
      count += 1;
    }
    encoding.writeVarUint(encoder.restEncoder, count);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, start);
    clock = start;
    for (const struct of list) {
      if (struct.id.clock > clock) {
        new Y.Skip(Y.createID(client, clock), struct.id.clock - clock).write(encoder, 0);
      }
      struct.write(encoder, Math.max(0, clock - struct.id.clock));
      clock = struct.id.clock + struct.length;
    }
  }
  // An empty delete set.
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

/**
 * Applies every update to an empty document (one transaction) and returns its whole state: a
 * stored snapshot and log folded into one update, with deleted content collected.
 */
export function foldUpdates(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
