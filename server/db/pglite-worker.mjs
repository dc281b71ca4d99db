/**
 * The embedded database in a worker thread. PGlite runs PostgreSQL as WebAssembly, and each
 * statement blocks the thread that runs it: on the server's main thread that delays every
 * websocket message waiting behind it. Here it blocks only this thread.
 *
 * Plain JavaScript on purpose: a worker thread does not get the TypeScript loader of the
 * process (tsx, vitest) that starts it. The protocol is described in pglite-worker-client.ts.
 */
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, types } from "@electric-sql/pglite";

const identity = (value) => value;

/**
 * The same type parsers drizzle gives PGlite: dates, times and intervals stay text, so drizzle
 * maps them as it does for node-postgres.
 */
const PARSERS = {
  [types.TIMESTAMP]: identity,
  [types.TIMESTAMPTZ]: identity,
  [types.INTERVAL]: identity,
  [types.DATE]: identity,
  1231: identity, // numeric[]
  1115: identity, // timestamp[]
  1185: identity, // timestamptz[]
  1187: identity, // interval[]
  1182: identity, // date[]
};

/**
 * bytea in and out through Node's hex codec. PGlite's own converts byte by byte in JavaScript
 * (Array.from, map, join; parseInt per byte): a 5 MB document snapshot took 3 s to write and
 * 0.5 s to read, during which every other statement, health checks included, waited. These
 * take a few milliseconds.
 */
const BYTEA_PARSERS = {
  [types.BYTEA]: (text) => {
    const bytes = Buffer.from(text.slice(2), "hex");
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  },
};
const BYTEA_SERIALIZERS = {
  [types.BYTEA]: (value) => {
    if (!(value instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
    return "\\x" + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex");
  },
};

/** Open transactions by id: their PGlite transaction and how to finish it. */
const transactions = new Map();

function describeError(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  const described = { message: error.message, name: error.name };
  for (const key of ["code", "detail", "hint", "severity", "constraint", "table", "column"]) {
    if (typeof error[key] === "string") described[key] = error[key];
  }
  return described;
}

function reply(id, outcome) {
  parentPort.postMessage({ id, ...outcome });
}

async function runQuery(message) {
  const target = message.txId === null ? db : transactions.get(message.txId)?.tx;
  if (target === undefined) throw new Error(`no open transaction ${message.txId}`);
  const result = await target.query(message.sql, message.params, {
    rowMode: message.rowMode,
    parsers: { ...PARSERS, ...BYTEA_PARSERS },
    serializers: BYTEA_SERIALIZERS,
  });
  return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
}

function beginTransaction(message) {
  return new Promise((resolveBegun, rejectBegun) => {
    let hasBegun = false;
    const settled = db
      .transaction(async (tx) => {
        const shouldCommit = await new Promise((finish) => {
          transactions.set(message.txId, { tx, finish, settled: null });
          hasBegun = true;
          resolveBegun();
        });
        if (!shouldCommit) await tx.rollback();
      })
      .finally(() => transactions.delete(message.txId));
    settled.catch((error) => {
      if (hasBegun) return;
      pendingSettles.delete(message.txId);
      rejectBegun(error);
    });
    // Kept for the end message, which answers once the commit or rollback is done.
    pendingSettles.set(message.txId, settled);
  });
}

/** The outcome of each open transaction, awaited by its end message. */
const pendingSettles = new Map();

async function endTransaction(message) {
  const open = transactions.get(message.txId);
  const settled = pendingSettles.get(message.txId);
  pendingSettles.delete(message.txId);
  if (open === undefined || settled === undefined) {
    throw new Error(`no open transaction ${message.txId}`);
  }
  open.finish(message.commit);
  await settled;
}

async function handle(message) {
  switch (message.kind) {
    case "query":
      return { result: await runQuery(message) };
    case "begin":
      await beginTransaction(message);
      return {};
    case "end":
      await endTransaction(message);
      return {};
    case "close":
      await db.close();
      return {};
    default:
      throw new Error(`unknown message ${String(message.kind)}`);
  }
}

/**
 * PostgreSQL's own default of 128 MB of shared buffers is allocated inside the WebAssembly
 * memory whether used or not, and was the largest part of an idle server's memory. The embedded
 * database serves one node of modest size (documents are cached in the rooms above it), so
 * 16 MB of page cache is plenty; PGlite's own start parameters are kept.
 */
const SHARED_BUFFERS = "16MB";

/**
 * The thread serving sockets comes first: on Linux a nice value belongs to a thread, and this
 * one's (a little lower priority) makes the kernel run the server's own thread first when both
 * want the CPU of a busy machine. Elsewhere it could apply to the whole process: Linux only.
 */
if (process.platform === "linux") {
  try {
    os.setPriority(5);
  } catch {
    // Not permitted: statements run at normal priority.
  }
}

let db;
try {
  db = await PGlite.create({
    dataDir: workerData.dataDir,
    parsers: BYTEA_PARSERS,
    serializers: BYTEA_SERIALIZERS,
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`],
  });
  parentPort.postMessage({ id: 0, ready: true });
} catch (error) {
  parentPort.postMessage({ id: 0, error: describeError(error) });
}

parentPort.on("message", (message) => {
  handle(message).then(
    (outcome) => reply(message.id, { ok: true, ...outcome }),
    (error) => reply(message.id, { error: describeError(error) }),
  );
});
