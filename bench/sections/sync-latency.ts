/**
 * Edit-to-remote latency in one room, on loopback: one client edits every WRITE_INTERVAL_MS,
 * every other client records how long each edit took to reach and be applied to its document.
 * Three servers, each in its own process, with the same client code: ours (authentication,
 * persistence, read-only checks on), the reference y-websocket server, and a raw relay.
 */
import { setTimeout as sleep } from "node:timers/promises";
import * as Y from "yjs";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { addThreat, updateThreat } from "@/lib/model/threats";
import { percentile } from "../realtime/percentile";
import { connectProtocolClient, type ProtocolClient } from "../realtime/protocol-client";
import { createBenchModels, signUpBenchUser } from "../realtime/seed";
import { startBenchServer, type BenchServer, type ServerKind } from "../realtime/spawn-server";
import { roundFigure, type BenchSection, type SectionResult, type TableCell } from "../section";

const SERVER_KINDS: readonly ServerKind[] = ["ours", "reference", "raw"];
const ROOM_SIZES = [2, 20, 100] as const;
const WRITE_INTERVAL_MS = 20;
const CONNECT_BATCH = 20;

/** What one room size measured on one server. */
interface RoomMeasurement {
  clients: number;
  samples: number[];
  /** Samples received over samples expected (every edit at every other client). */
  delivered: number;
  cpuPercent: number;
  rssMb: number;
}

/** An edit of the writer: its clock once made, and when it was sent if it is timed. */
interface Edit {
  clock: number;
  sentAt: number | null;
}

/**
 * A room on one server: its clients, the writer's edits and their arrivals. The writer revises
 * a threat's description; a receiver has an edit once its document holds the writer's clock as
 * it stood after that edit, which costs the receiver next to nothing to check.
 */
class LatencyRoom {
  readonly samples: number[] = [];
  private clients: ProtocolClient[] = [];
  private readonly edits: Edit[] = [];
  /** Per client, the index of the first edit it does not hold yet. */
  private received: number[] = [];
  private writerClientId = -1;
  private threatId = "";
  private recordedEdits = 0;
  private cpuMicros = 0;
  private measuredMs = 0;
  private rssBytes = 0;

  constructor(
    readonly server: BenchServer,
    private readonly room: { url: string; headers: Record<string, string>[] },
    readonly size: number,
  ) {}

  async connect(): Promise<void> {
    this.received = new Array<number>(this.size).fill(0);
    for (let first = 0; first < this.size; first += CONNECT_BATCH) {
      const count = Math.min(CONNECT_BATCH, this.size - first);
      const batch = Array.from({ length: count }, (_, offset) => {
        const index = first + offset;
        return connectProtocolClient({
          url: this.room.url,
          headers: this.room.headers[index % this.room.headers.length] ?? {},
          name: `Participant ${index + 1}`,
          onRemoteChange: (doc) => this.handleRemoteChange(index, doc),
        });
      });
      this.clients.push(...batch);
      // Through the raw relay the first client has no peer to answer its sync step 1.
      await Promise.all(
        batch.map((client, offset) =>
          this.server.kind === "raw" && first + offset === 0 ? client.opened : client.synced,
        ),
      );
    }
    const writer = this.writer();
    this.writerClientId = writer.doc.clientID;
    this.threatId = addThreat(
      writer.doc,
      { title: "Session hijacking through a leaked token", category: "spoofing" },
      "bench-writer",
    );
  }

  private writer(): ProtocolClient {
    const writer = this.clients[0];
    if (!writer) throw new Error("no clients");
    return writer;
  }

  private handleRemoteChange(index: number, doc: Y.Doc): void {
    // The reference server echoes each update to its sender too; the writer is no receiver.
    if (index === 0) return;
    const clock = Y.getState(doc.store, this.writerClientId);
    let next = this.received[index] ?? 0;
    const now = performance.now();
    for (let edit = this.edits[next]; edit && edit.clock <= clock; edit = this.edits[++next]) {
      if (edit.sentAt !== null) this.samples.push(now - edit.sentAt);
    }
    this.received[index] = next;
  }

  /** The writer edits every WRITE_INTERVAL_MS for `durationMs`; recorded edits are timed. */
  async write(durationMs: number, isRecorded: boolean): Promise<void> {
    const writer = this.writer();
    const before = isRecorded ? await this.server.stats() : null;
    const started = performance.now();
    let seq = 0;
    const timer = setInterval(() => {
      seq += 1;
      const sentAt = performance.now();
      updateThreat(writer.doc, this.threatId, {
        description: `Revised in the meeting, revision ${seq}`,
      });
      this.edits.push({
        clock: Y.getState(writer.doc.store, this.writerClientId),
        sentAt: isRecorded ? sentAt : null,
      });
      if (isRecorded) this.recordedEdits += 1;
    }, WRITE_INTERVAL_MS);
    await sleep(durationMs);
    clearInterval(timer);
    // The last edits arrive before the slice ends, so no slice spills into the next one.
    const deadline = performance.now() + 2_000;
    const isBehind = () => this.received.slice(1).some((received) => received < this.edits.length);
    while (isBehind() && performance.now() < deadline) await sleep(5);
    if (!before) return;
    const after = await this.server.stats();
    this.cpuMicros += after.cpuMicros - before.cpuMicros;
    this.measuredMs += performance.now() - started;
    this.rssBytes = after.rssBytes;
  }

  close(): void {
    for (const client of this.clients) client.close();
    this.clients = [];
  }

  result(): RoomMeasurement {
    const samples = [...this.samples].sort((a, b) => a - b);
    const expected = this.recordedEdits * (this.size - 1);
    return {
      clients: this.size,
      samples,
      delivered: expected === 0 ? 0 : samples.length / expected,
      cpuPercent: this.measuredMs === 0 ? 0 : (this.cpuMicros / 1000 / this.measuredMs) * 100,
      rssMb: this.rssBytes / 2 ** 20,
    };
  }
}

/**
 * Measures one room size on every server. The servers take turns in short slices, so a burst of
 * noise on this machine lands on all of them alike rather than on whichever ran at that moment.
 */
async function measureSize(
  servers: { server: BenchServer; rooms: { url: string; headers: Record<string, string>[] }[] }[],
  sizeIndex: number,
  timing: { warmupMs: number; measureMs: number; sliceMs: number },
): Promise<RoomMeasurement[]> {
  const size = ROOM_SIZES[sizeIndex] ?? 0;
  const rooms = servers.map(({ server, rooms: prepared }) => {
    const room = prepared[sizeIndex];
    if (!room) throw new Error("no room prepared");
    return new LatencyRoom(server, room, size);
  });
  try {
    for (const room of rooms) await room.connect();
    for (const room of rooms) await room.write(timing.warmupMs, false);
    for (let slice = 0; slice < timing.measureMs / timing.sliceMs; slice++) {
      for (const room of rooms) await room.write(timing.sliceMs, true);
    }
    return rooms.map((room) => room.result());
  } finally {
    for (const room of rooms) room.close();
    // Closing sockets and (ours) storing the room happen before the next size starts.
    await sleep(500);
  }
}

/** One room per size: for ours a model whose owner and an editor connect alternately. */
async function prepareRooms(
  server: BenchServer,
): Promise<{ url: string; headers: Record<string, string>[] }[]> {
  const base = `ws://127.0.0.1:${server.port}/collab/`;
  if (server.kind !== "ours") {
    return ROOM_SIZES.map((clients) => ({ url: `${base}bench-${clients}`, headers: [{}] }));
  }
  const owner = await signUpBenchUser(server, "Bench Owner");
  const editor = await signUpBenchUser(server, "Bench Editor");
  const modelIds = await createBenchModels(server, {
    owner,
    editors: [editor],
    count: ROOM_SIZES.length,
  });
  return modelIds.map((modelId) => ({
    url: `${base}${modelId}?schema=${SCHEMA_VERSION}`,
    headers: [editor.headers, owner.headers],
  }));
}

/** Sync latency with 2, 20 and 100 clients on ours, the reference server and the raw relay. */
export const syncLatencySection: BenchSection = {
  name: "sync-latency",
  title: `Edit-to-remote latency, one room, one threat edit every ${WRITE_INTERVAL_MS} ms`,
  run: async ({ isQuick }): Promise<SectionResult> => {
    const timing = isQuick
      ? { warmupMs: 1_000, measureMs: 3_000, sliceMs: 1_000 }
      : { warmupMs: 2_000, measureMs: 15_000, sliceMs: 1_000 };
    const figures: Record<string, number> = {};
    const rows: TableCell[][] = [];
    const servers = await Promise.all(SERVER_KINDS.map((kind) => startBenchServer(kind)));
    try {
      const prepared = [];
      for (const server of servers) prepared.push({ server, rooms: await prepareRooms(server) });
      const bySize = [];
      for (const [sizeIndex] of ROOM_SIZES.entries()) {
        bySize.push(await measureSize(prepared, sizeIndex, timing));
      }
      for (const [serverIndex, kind] of SERVER_KINDS.entries()) {
        for (const measurements of bySize) {
          const measured = measurements[serverIndex];
          if (!measured) continue;
          const key = `${measured.clients}_${kind}`;
          const p50 = roundFigure(percentile(measured.samples, 0.5));
          const p95 = roundFigure(percentile(measured.samples, 0.95));
          const p99 = roundFigure(percentile(measured.samples, 0.99));
          const delivered = roundFigure(measured.delivered * 100, 1);
          const cpu = roundFigure(measured.cpuPercent, 1);
          const rss = roundFigure(measured.rssMb, 1);
          figures[`sync_p50_ms_${key}`] = p50;
          figures[`sync_p95_ms_${key}`] = p95;
          figures[`sync_p99_ms_${key}`] = p99;
          figures[`sync_delivered_pct_${key}`] = delivered;
          figures[`server_cpu_pct_${key}`] = cpu;
          figures[`server_rss_mb_${key}`] = rss;
          rows.push([
            kind,
            measured.clients,
            p50,
            p95,
            p99,
            measured.samples.length,
            delivered,
            cpu,
            rss,
          ]);
        }
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
    const ours = figures.sync_p99_ms_100_ours ?? Number.NaN;
    const reference = figures.sync_p99_ms_100_reference ?? Number.NaN;
    const raw = figures.sync_p99_ms_100_raw ?? Number.NaN;
    figures.sync_p99_ratio_100_ours_reference = roundFigure(ours / reference);
    figures.sync_p99_ratio_100_ours_raw = roundFigure(ours / raw);
    return {
      columns: [
        "server",
        "clients",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "samples",
        "deliv %",
        "cpu %",
        "rss MB",
      ],
      rows,
      figures,
      notes: [
        `p99 at 100 clients: ours / reference = ${figures.sync_p99_ratio_100_ours_reference} (target <= 1), ` +
          `ours / raw relay = ${figures.sync_p99_ratio_100_ours_raw} (target <= 1.5)`,
        `${timing.warmupMs / 1000} s warm-up, then ${timing.measureMs / 1000} s measured per row in ` +
          `${timing.sliceMs / 1000} s slices, the servers taking turns; cpu % is the server process ` +
          "(user + system) over its slices, 100 % = one core; rss after them.",
        "Clients share the bench process; latency includes their own decoding, as a browser's would.",
        `Ours stores every update (${process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "embedded PGlite, in a worker thread of the server process"}); ` +
          "the reference server keeps documents in memory.",
      ],
    };
  },
};
