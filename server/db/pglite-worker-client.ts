import { Worker } from "node:worker_threads";
import type { PGlite } from "@electric-sql/pglite";
import { z } from "zod";
import { log } from "@/server/logger";
import { projectPath } from "@/server/project-root";

/*
 * The main thread's side of pglite-worker.mjs: a client with the two methods drizzle's PGlite
 * driver calls, `query` and `transaction`, each forwarded to the worker thread that owns the
 * database. Messages carry an id; the worker answers each one once.
 *   query  { sql, params, rowMode, txId | null } -> { result: { rows, fields, affectedRows } }
 *   begin  { txId }                              -> {} once the transaction holds the database
 *   end    { txId, commit }                      -> {} once committed or rolled back
 *   close  {}                                    -> {} once the database is closed
 */

/** What drizzle passes to `query`; the worker applies drizzle's own type parsers. */
interface QueryOptions {
  rowMode?: "array" | "object";
}

const answerSchema = z.object({
  id: z.number().int(),
  ok: z.literal(true).optional(),
  ready: z.literal(true).optional(),
  result: z
    .object({
      rows: z.array(z.unknown()),
      fields: z.array(z.object({ name: z.string(), dataTypeID: z.number() })),
      affectedRows: z.number().optional(),
    })
    .optional(),
  error: z.object({ message: z.string() }).catchall(z.string()).optional(),
});
type Answer = z.infer<typeof answerSchema>;
type QueryResult = NonNullable<Answer["result"]>;

/** A database error raised in the worker, with PostgreSQL's fields (code, detail...). */
export class EmbeddedDatabaseError extends Error {
  readonly code: string | undefined;
  readonly detail: string | undefined;

  constructor(fields: NonNullable<Answer["error"]>) {
    super(fields.message);
    this.name = "EmbeddedDatabaseError";
    this.code = fields.code;
    this.detail = fields.detail;
  }
}

type Request =
  | {
      kind: "query";
      sql: string;
      params: unknown[];
      rowMode: "array" | "object";
      txId: number | null;
    }
  | { kind: "begin"; txId: number }
  | { kind: "end"; txId: number; commit: boolean }
  | { kind: "close" };

/** The query side of a client: the database itself, or one open transaction. */
interface Queryable {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
}

/** The embedded database running in a worker thread. */
export class PgliteWorkerClient implements Queryable {
  private readonly pending = new Map<
    number,
    { resolve: (answer: Answer) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;
  private nextTxId = 1;
  private failure: Error | null = null;
  private isClosing = false;
  /** When the worker last answered anything (Date.now()). */
  private lastAnswerAt = Date.now();

  /**
   * True when the database is working through statements and answered one within `withinMs`:
   * it is up, though a new statement would wait its turn (PGlite runs one at a time).
   */
  isBusyAndAnswering(withinMs: number): boolean {
    return (
      this.failure === null && this.pending.size > 0 && Date.now() - this.lastAnswerAt < withinMs
    );
  }

  private constructor(private readonly worker: Worker) {
    worker.on("message", (message: unknown) => this.handleAnswer(message));
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => {
      const error = new Error(`the database worker exited (${code})`);
      // Every statement fails from now on; a supervisor should restart the process.
      if (!this.isClosing) log.error("the embedded database stopped", { error });
      this.fail(error);
    });
  }

  /** Starts the worker on the database folder and waits until the database is open. */
  static async open(dataDir: string): Promise<PgliteWorkerClient> {
    const worker = new Worker(projectPath("server", "db", "pglite-worker.mjs"), {
      workerData: { dataDir },
    });
    const client = new PgliteWorkerClient(worker);
    try {
      await new Promise<void>((resolve, reject) => {
        client.pending.set(0, {
          resolve: (answer) =>
            answer.error ? reject(new EmbeddedDatabaseError(answer.error)) : resolve(),
          reject,
        });
      });
    } catch (error) {
      client.isClosing = true;
      await worker.terminate();
      throw error;
    }
    return client;
  }

  private handleAnswer(message: unknown): void {
    this.lastAnswerAt = Date.now();
    const parsed = answerSchema.safeParse(message);
    if (!parsed.success) {
      // An answer that cannot be read still ends its call, or a transaction would hold forever.
      const id =
        typeof message === "object" && message !== null ? Reflect.get(message, "id") : null;
      const waiting = typeof id === "number" ? this.pending.get(id) : undefined;
      if (waiting !== undefined && typeof id === "number") {
        this.pending.delete(id);
        waiting.reject(new Error("the database worker sent an answer that cannot be read"));
      }
      return;
    }
    const waiting = this.pending.get(parsed.data.id);
    if (waiting === undefined) return;
    this.pending.delete(parsed.data.id);
    waiting.resolve(parsed.data);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  private async call(request: Request): Promise<Answer> {
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    const answer = await new Promise<Answer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request });
    });
    if (answer.error) throw new EmbeddedDatabaseError(answer.error);
    return answer;
  }

  private async runQuery(
    txId: number | null,
    sql: string,
    params: unknown[] = [],
    options: QueryOptions = {},
  ): Promise<QueryResult> {
    const answer = await this.call({
      kind: "query",
      sql,
      params,
      rowMode: options.rowMode ?? "object",
      txId,
    });
    if (answer.result === undefined) throw new Error("the database worker sent no result");
    return answer.result;
  }

  /** Runs one statement outside any transaction (it waits for an open one to finish). */
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult> {
    return this.runQuery(null, sql, params, options);
  }

  /**
   * Runs `callback` in a transaction: committed when it resolves, rolled back when it throws.
   * Other statements wait until it ends, as with PGlite in this thread.
   */
  async transaction<T>(callback: (tx: Queryable) => Promise<T>): Promise<T> {
    const txId = this.nextTxId++;
    await this.call({ kind: "begin", txId });
    const tx: Queryable = {
      query: (sql, params, options) => this.runQuery(txId, sql, params, options),
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      await this.call({ kind: "end", txId, commit: false }).catch(() => undefined);
      throw error;
    }
    await this.call({ kind: "end", txId, commit: true });
    return result;
  }

  /** Closes the database, then stops the worker. */
  /** Closes the database, then stops the worker; nothing to do when the worker is gone. */
  async close(): Promise<void> {
    this.isClosing = true;
    if (this.failure) return;
    try {
      await this.call({ kind: "close" });
    } finally {
      await this.worker.terminate();
    }
  }

  /**
   * This client where drizzle's PGlite driver expects a PGlite instance. The driver calls only
   * `query(sql, params, options)` and `transaction(callback)` (drizzle-orm/pglite/session.js),
   * with the transaction's `query`; this is the one place that relies on it.
   */
  asPglite(): PGlite {
    return this as unknown as PGlite;
  }
}
