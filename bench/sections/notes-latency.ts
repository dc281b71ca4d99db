/**
 * Meeting-notes latency with everyone typing: 20 clients in one room of our server, each
 * typing into its own paragraph of the notes (the `notes` XML fragment, as the editor binding
 * writes it) at TYPING_INTERVAL_MS per keystroke; every other client records how long each
 * keystroke took to reach it. In alternating slices of the same run, the same room measures
 * the sync-latency workload (one writer changes a threat every 20 ms), so the ratio compares
 * the two on the same server, machine and moment.
 */
import { setTimeout as sleep } from "node:timers/promises";
import * as Y from "yjs";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { getNotesFragment } from "@/lib/model/roots";
import { addThreat, updateThreat } from "@/lib/model/threats";
import { connectProtocolClient, type ProtocolClient } from "../realtime/protocol-client";
import { createBenchModels, signUpBenchUser } from "../realtime/seed";
import { startBenchServer } from "../realtime/spawn-server";
import { roundFigure, type BenchSection, type SectionResult } from "../section";

const CLIENTS = 20;
/** A keystroke every 100 ms per person: 10 characters a second, a fast typist. */
const TYPING_INTERVAL_MS = 100;
/** The sync-latency workload: one threat edit every 20 ms. */
const WRITE_INTERVAL_MS = 20;

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, rank)] ?? Number.NaN;
}

/** One writer's timed edits: the writer's clock after each edit and when it was made. */
interface Writer {
  clientId: number;
  edits: { clock: number; sentAt: number | null }[];
}

/**
 * The room: its clients and, per writer, the edits each receiver holds. A receiver holds an
 * edit once its document has the writer's clock as it stood after it (cheap to check).
 */
class NotesRoom {
  readonly samples = { notes: [] as number[], sync: [] as number[] };
  private clients: ProtocolClient[] = [];
  private writers = new Map<number, Writer>();
  /** received[receiver][writerClientId] = index of the first edit not held yet. */
  private received: Map<number, number>[] = [];
  private mode: "notes" | "sync" = "notes";
  /** Each client's own paragraph text, in that client's document. */
  private readonly texts: Y.XmlText[] = [];
  private threatId = "";

  constructor(private readonly room: { url: string; headers: Record<string, string> }) {}

  async connect(): Promise<void> {
    for (let index = 0; index < CLIENTS; index += 1) {
      this.received.push(new Map());
      const client = connectProtocolClient({
        url: this.room.url,
        headers: this.room.headers,
        name: `Note taker ${index + 1}`,
        onRemoteChange: (doc) => this.handleRemoteChange(index, doc),
      });
      this.clients.push(client);
      await client.synced;
    }
    // Each person's own paragraph, written once before measuring, as an editor would create it.
    for (const client of this.clients) {
      const paragraph = new Y.XmlElement("paragraph");
      const text = new Y.XmlText("");
      paragraph.insert(0, [text]);
      getNotesFragment(client.doc).push([paragraph]);
      this.texts.push(text);
    }
    const first = this.client(0);
    this.threatId = addThreat(
      first.doc,
      { title: "Session fixation", category: "spoofing" },
      "bench",
    );
    await this.settle();
  }

  private client(index: number): ProtocolClient {
    const client = this.clients[index];
    if (!client) throw new Error("no such client");
    return client;
  }

  private handleRemoteChange(receiver: number, doc: Y.Doc): void {
    const now = performance.now();
    const held = this.received[receiver];
    if (!held) return;
    const samples = this.samples[this.mode];
    for (const writer of this.writers.values()) {
      if (writer.clientId === doc.clientID) continue;
      const clock = Y.getState(doc.store, writer.clientId);
      let next = held.get(writer.clientId) ?? 0;
      for (
        let edit = writer.edits[next];
        edit && edit.clock <= clock;
        edit = writer.edits[++next]
      ) {
        if (edit.sentAt !== null) samples.push(now - edit.sentAt);
      }
      held.set(writer.clientId, next);
    }
  }

  private writerOf(client: ProtocolClient): Writer {
    let writer = this.writers.get(client.doc.clientID);
    if (!writer) {
      writer = { clientId: client.doc.clientID, edits: [] };
      this.writers.set(client.doc.clientID, writer);
    }
    return writer;
  }

  private note(client: ProtocolClient, sentAt: number | null): void {
    this.writerOf(client).edits.push({
      clock: Y.getState(client.doc.store, client.doc.clientID),
      sentAt,
    });
  }

  /** Every client types a character into its paragraph every TYPING_INTERVAL_MS, staggered. */
  async type(durationMs: number, isRecorded: boolean): Promise<void> {
    this.mode = "notes";
    const intervals: NodeJS.Timeout[] = [];
    const timers = this.clients.map((client, index) =>
      setTimeout(
        () => {
          const timer = setInterval(() => {
            const text = this.texts[index];
            if (!text) return;
            const sentAt = performance.now();
            text.insert(text.length, "abcdefghij"[text.length % 10] ?? "a");
            this.note(client, isRecorded ? sentAt : null);
          }, TYPING_INTERVAL_MS);
          intervals.push(timer);
        },
        (index * TYPING_INTERVAL_MS) / CLIENTS,
      ),
    );
    await sleep(durationMs);
    for (const timer of timers) clearTimeout(timer);
    for (const timer of intervals) clearInterval(timer);
    await this.settle();
  }

  /** One writer changes a threat every WRITE_INTERVAL_MS, as the sync-latency section does. */
  async write(durationMs: number, isRecorded: boolean): Promise<void> {
    this.mode = "sync";
    const writer = this.client(0);
    let revision = 0;
    const timer = setInterval(() => {
      revision += 1;
      const sentAt = performance.now();
      updateThreat(writer.doc, this.threatId, { description: `Revision ${revision}` });
      this.note(writer, isRecorded ? sentAt : null);
    }, WRITE_INTERVAL_MS);
    await sleep(durationMs);
    clearInterval(timer);
    await this.settle();
  }

  /** Waits (up to 3 s) until every receiver holds every edit, so slices do not overlap. */
  private async settle(): Promise<void> {
    const deadline = performance.now() + 3_000;
    const isBehind = () =>
      this.received.some((held, receiver) =>
        [...this.writers.values()].some(
          (writer) =>
            writer.clientId !== this.clients[receiver]?.doc.clientID &&
            (held.get(writer.clientId) ?? 0) < writer.edits.length,
        ),
      );
    while (isBehind() && performance.now() < deadline) await sleep(5);
  }

  close(): void {
    for (const client of this.clients) client.close();
  }
}

/** `notes_p99_ms_20` beside a sync p99 of the same room and run, and their ratio. */
export const notesLatencySection: BenchSection = {
  name: "notes-latency",
  title: `Meeting notes: ${CLIENTS} people typing at once, keystroke to the ${CLIENTS - 1} others`,
  run: async ({ isQuick }): Promise<SectionResult> => {
    const timing = isQuick
      ? { warmupMs: 1_000, sliceMs: 1_000, slices: 3 }
      : { warmupMs: 2_000, sliceMs: 1_000, slices: 12 };
    const server = await startBenchServer("ours");
    let room: NotesRoom | null = null;
    try {
      const owner = await signUpBenchUser(server, "Bench Owner");
      const [modelId] = await createBenchModels(server, { owner, editors: [], count: 1 });
      room = new NotesRoom({
        url: `ws://127.0.0.1:${server.port}/collab/${modelId}?schema=${SCHEMA_VERSION}`,
        headers: owner.headers,
      });
      await room.connect();
      await room.type(timing.warmupMs, false);
      await room.write(timing.warmupMs, false);
      // Alternating slices: a burst of noise on the machine lands on both workloads alike.
      for (let slice = 0; slice < timing.slices; slice += 1) {
        await room.type(timing.sliceMs, true);
        await room.write(timing.sliceMs, true);
      }
      const notes = [...room.samples.notes].sort((a, b) => a - b);
      const sync = [...room.samples.sync].sort((a, b) => a - b);
      const notesP99 = roundFigure(percentile(notes, 0.99));
      const syncP99 = roundFigure(percentile(sync, 0.99));
      const figures = {
        notes_p50_ms_20: roundFigure(percentile(notes, 0.5)),
        notes_p99_ms_20: notesP99,
        notes_sync_p99_ms_20: syncP99,
        notes_p99_ratio_20_sync: roundFigure(notesP99 / syncP99),
      };
      return {
        columns: ["workload", "p50 ms", "p95 ms", "p99 ms", "samples"],
        rows: [
          [
            `notes: ${CLIENTS} typing`,
            figures.notes_p50_ms_20,
            roundFigure(percentile(notes, 0.95)),
            notesP99,
            notes.length,
          ],
          [
            "sync: one threat edit / 20 ms",
            roundFigure(percentile(sync, 0.5)),
            roundFigure(percentile(sync, 0.95)),
            syncP99,
            sync.length,
          ],
        ],
        figures,
        notes: [
          `notes p99 / sync p99 in the same room and run = ${figures.notes_p99_ratio_20_sync} (target <= 1.2)`,
          `${timing.slices} slices of ${timing.sliceMs / 1000} s per workload, alternating, after ` +
            `${timing.warmupMs / 1000} s of each; every keystroke is timed at each of the other ${CLIENTS - 1} clients.`,
        ],
      };
    } finally {
      room?.close();
      await server.stop();
    }
  },
};
