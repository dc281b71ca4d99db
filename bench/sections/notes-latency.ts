/**
 * Meeting-notes latency with everyone typing: 20 clients in one room of our server, each typing
 * into its own paragraph of the notes (a Y.XmlText in a Y.XmlElement("paragraph") of the `notes`
 * fragment, as the editor binding writes it), one keystroke every EDIT_INTERVAL_MS; every other
 * client records how long each keystroke took to reach it. In alternating slices of the same
 * run, the same 20 clients make the same number of edits of the kind the sync-latency section
 * makes (each revises its own threat's description), timed the same way, so the ratio compares
 * the two kinds of edit on the same server, machine and moment.
 */
import { setTimeout as sleep } from "node:timers/promises";
import * as Y from "yjs";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { getNotesFragment } from "@/lib/model/roots";
import { addThreat, hasThreat, updateThreat } from "@/lib/model/threats";
import { percentile } from "../realtime/percentile";
import { connectProtocolClient, type ProtocolClient } from "../realtime/protocol-client";
import { createBenchModels, signUpBenchUser } from "../realtime/seed";
import { startBenchServer } from "../realtime/spawn-server";
import { roundFigure, type BenchSection, type SectionResult, type TableCell } from "../section";

const CLIENTS = 20;
/** One edit every 100 ms per person: 10 characters a second, a fast typist. */
const EDIT_INTERVAL_MS = 100;
/** How long a slice waits for its last edits to arrive everywhere before the next starts. */
const SETTLE_LIMIT_MS = 3_000;

/** The two kinds of edit compared: a keystroke in the notes, a threat field change. */
type Workload = "notes" | "sync";
const WORKLOADS: readonly Workload[] = ["notes", "sync"];

/**
 * One edit of a client. Its sequence is the client's Yjs clock once the edit is made: a
 * receiver holds the edit once its document holds that clock of the client, which costs the
 * receiver a map lookup and adds nothing to the message.
 */
interface Edit {
  clock: number;
  /** When the edit was made; null for warm-up edits, which are not timed. */
  sentAt: number | null;
  workload: Workload;
}

/** What one workload measured. */
interface WorkloadMeasurement {
  /** Keystroke-to-receiver (or edit-to-receiver) milliseconds, ascending. */
  samples: number[];
  /** Samples received over samples expected (every timed edit at every other client). */
  delivered: number;
}

/**
 * The room: 20 clients, each with its own paragraph and its own threat, and per client the
 * edits it made and, per receiver, how many of them that receiver holds.
 */
class TypingRoom {
  private readonly samples: Record<Workload, number[]> = { notes: [], sync: [] };
  private readonly timedEdits: Record<Workload, number> = { notes: 0, sync: 0 };
  private clients: ProtocolClient[] = [];
  /** Per client index, its edits in order. */
  private readonly edits: Edit[][] = [];
  /** held[receiver][writer]: the index of the first edit of `writer` the receiver lacks. */
  private readonly held: number[][] = [];
  /** Each client's own paragraph text, in that client's document. */
  private readonly texts: Y.XmlText[] = [];
  /** Each client's own threat. */
  private readonly threatIds: string[] = [];

  constructor(private readonly room: { url: string; headers: Record<string, string> }) {}

  async connect(): Promise<void> {
    for (let index = 0; index < CLIENTS; index += 1) {
      this.edits.push([]);
      this.held.push(new Array<number>(CLIENTS).fill(0));
      const client = connectProtocolClient({
        url: this.room.url,
        headers: this.room.headers,
        name: `Note taker ${index + 1}`,
        onRemoteChange: (doc) => this.handleRemoteChange(index, doc),
      });
      this.clients.push(client);
      await client.synced;
    }
    // Created once before measuring, as the editor creates a paragraph when someone starts one.
    for (const client of this.clients) {
      const paragraph = new Y.XmlElement("paragraph");
      const text = new Y.XmlText("");
      paragraph.insert(0, [text]);
      getNotesFragment(client.doc).push([paragraph]);
      this.texts.push(text);
      this.threatIds.push(
        addThreat(client.doc, { title: "Session fixation", category: "spoofing" }, "bench"),
      );
    }
    const isEverywhere = () =>
      this.clients.every(
        (client) =>
          getNotesFragment(client.doc).length === CLIENTS &&
          this.threatIds.every((id) => hasThreat(client.doc, id)),
      );
    const deadline = performance.now() + SETTLE_LIMIT_MS;
    while (!isEverywhere()) {
      if (performance.now() > deadline) throw new Error("the paragraphs did not reach everyone");
      await sleep(5);
    }
  }

  private client(index: number): ProtocolClient {
    const client = this.clients[index];
    if (!client) throw new Error("no such client");
    return client;
  }

  private handleRemoteChange(receiver: number, doc: Y.Doc): void {
    const now = performance.now();
    const held = this.held[receiver];
    if (!held) return;
    for (let writer = 0; writer < CLIENTS; writer += 1) {
      if (writer === receiver) continue;
      const writerClientId = this.clients[writer]?.doc.clientID;
      const edits = this.edits[writer];
      if (writerClientId === undefined || !edits) continue;
      const clock = Y.getState(doc.store, writerClientId);
      let next = held[writer] ?? 0;
      for (let edit = edits[next]; edit && edit.clock <= clock; edit = edits[++next]) {
        if (edit.sentAt !== null) this.samples[edit.workload].push(now - edit.sentAt);
      }
      held[writer] = next;
    }
  }

  /** Client `index` makes one edit of the workload's kind. */
  private edit(index: number, workload: Workload, isTimed: boolean): void {
    const client = this.client(index);
    const sentAt = performance.now();
    if (workload === "notes") {
      const text = this.texts[index];
      if (!text) throw new Error("no paragraph");
      text.insert(text.length, "abcdefghij"[text.length % 10] ?? "a");
    } else {
      const edits = this.edits[index]?.length ?? 0;
      updateThreat(client.doc, this.threatIds[index] ?? "", {
        description: `Revised in the meeting, revision ${edits + 1}`,
      });
    }
    this.edits[index]?.push({
      clock: Y.getState(client.doc.store, client.doc.clientID),
      sentAt: isTimed ? sentAt : null,
      workload,
    });
    if (isTimed) this.timedEdits[workload] += 1;
  }

  /**
   * Every client makes an edit of the workload's kind every EDIT_INTERVAL_MS for `durationMs`,
   * the clients' starts spread over one interval as people's keystrokes are; then waits until
   * every edit has reached every other client, so no slice spills into the next.
   */
  async run(workload: Workload, durationMs: number, isTimed: boolean): Promise<void> {
    const intervals: NodeJS.Timeout[] = [];
    const starts = this.clients.map((_, index) =>
      setTimeout(
        () => {
          intervals.push(setInterval(() => this.edit(index, workload, isTimed), EDIT_INTERVAL_MS));
        },
        (index * EDIT_INTERVAL_MS) / CLIENTS,
      ),
    );
    await sleep(durationMs);
    for (const start of starts) clearTimeout(start);
    for (const interval of intervals) clearInterval(interval);
    const deadline = performance.now() + SETTLE_LIMIT_MS;
    while (this.isAnyoneBehind() && performance.now() < deadline) await sleep(5);
  }

  private isAnyoneBehind(): boolean {
    return this.held.some((held, receiver) =>
      this.edits.some((edits, writer) => writer !== receiver && (held[writer] ?? 0) < edits.length),
    );
  }

  result(workload: Workload): WorkloadMeasurement {
    const samples = [...this.samples[workload]].sort((a, b) => a - b);
    const expected = this.timedEdits[workload] * (CLIENTS - 1);
    return { samples, delivered: expected === 0 ? 0 : samples.length / expected };
  }

  close(): void {
    for (const client of this.clients) client.close();
    this.clients = [];
  }
}

/** `notes_p99_ms_20` beside `sync_p99_ms_20` of the same room and run, and their ratio. */
export const notesLatencySection: BenchSection = {
  name: "notes-latency",
  title: `Meeting notes: ${CLIENTS} people typing at once, keystroke to the ${CLIENTS - 1} others`,
  run: async ({ isQuick }): Promise<SectionResult> => {
    const timing = isQuick
      ? { warmupMs: 1_000, sliceMs: 1_000, slices: 3 }
      : { warmupMs: 2_000, sliceMs: 1_000, slices: 10 };
    const server = await startBenchServer("ours");
    let room: TypingRoom | null = null;
    try {
      const owner = await signUpBenchUser(server, "Bench Owner");
      const [modelId] = await createBenchModels(server, { owner, editors: [], count: 1 });
      room = new TypingRoom({
        url: `ws://127.0.0.1:${server.port}/collab/${modelId}?schema=${SCHEMA_VERSION}`,
        headers: owner.headers,
      });
      await room.connect();
      for (const workload of WORKLOADS) await room.run(workload, timing.warmupMs, false);
      // Alternating slices: a burst of noise on the machine lands on both workloads alike.
      for (let slice = 0; slice < timing.slices; slice += 1) {
        for (const workload of WORKLOADS) await room.run(workload, timing.sliceMs, true);
      }
      const figures: Record<string, number> = {};
      const rows: TableCell[][] = [];
      for (const workload of WORKLOADS) {
        const { samples, delivered } = room.result(workload);
        const p50 = roundFigure(percentile(samples, 0.5));
        const p99 = roundFigure(percentile(samples, 0.99));
        const deliveredPct = roundFigure(delivered * 100, 1);
        figures[`${workload}_p50_ms_${CLIENTS}`] = p50;
        figures[`${workload}_p99_ms_${CLIENTS}`] = p99;
        figures[`${workload}_delivered_pct_${CLIENTS}`] = deliveredPct;
        rows.push([
          workload === "notes" ? "notes: a keystroke" : "sync: a threat field change",
          p50,
          roundFigure(percentile(samples, 0.95)),
          p99,
          samples.length,
          deliveredPct,
        ]);
      }
      const ratio = roundFigure(
        (figures[`notes_p99_ms_${CLIENTS}`] ?? Number.NaN) /
          (figures[`sync_p99_ms_${CLIENTS}`] ?? Number.NaN),
      );
      figures[`notes_p99_ratio_${CLIENTS}_sync`] = ratio;
      return {
        columns: ["workload", "p50 ms", "p95 ms", "p99 ms", "samples", "deliv %"],
        rows,
        figures,
        notes: [
          `notes p99 / sync p99 in the same room and run = ${ratio} (goal <= 1.2)`,
          `All ${CLIENTS} clients edit at once, each every ${EDIT_INTERVAL_MS} ms (its own paragraph, ` +
            `or its own threat's description); every edit is timed at each of the other ${CLIENTS - 1}.`,
          `${timing.slices} slices of ${timing.sliceMs / 1000} s per workload, alternating, after ` +
            `${timing.warmupMs / 1000} s of each. sync_p99_ms_${CLIENTS} is this room's, not the ` +
            `sync-latency section's sync_p99_ms_${CLIENTS}_ours (one writer every 20 ms).`,
        ],
      };
    } finally {
      room?.close();
      await server.stop();
    }
  },
};
