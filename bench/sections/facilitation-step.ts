/**
 * Following the facilitator: a facilitator and 19 participants in one model of our server. The
 * facilitator moves the session to the next category or item every STEP_INTERVAL_MS, sending
 * the command on its socket as the workspace does; each participant's socket (the one that
 * syncs the document, as in the workspace) receives the session with the notice and records
 * when it shows the new position. In alternating slices of the same run, the same room measures
 * the sync-latency workload (one writer changes a threat every 20 ms, received by 19), so the
 * ratio compares the two on the same server, machine and moment.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type WebSocket from "ws";
import * as Y from "yjs";
import { z } from "zod";
import {
  encodeJsonMessage,
  MESSAGE_SESSION_CHANGED,
  MESSAGE_SESSION_COMMAND,
} from "@/lib/collab/messages";
import { applyPatch, type JsonPatch } from "@/lib/collab/json-patch";
import { addDiagram, listDiagrams } from "@/lib/model/diagrams";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { addElement } from "@/lib/model/elements";
import { addThreat, updateThreat } from "@/lib/model/threats";
import { percentile } from "../realtime/percentile";
import { connectProtocolClient, type ProtocolClient } from "../realtime/protocol-client";
import { callApi, createBenchModels, signUpBenchUser } from "../realtime/seed";
import { startBenchServer } from "../realtime/spawn-server";
import { roundFigure, type BenchSection, type SectionResult } from "../section";

const PARTICIPANTS = 19;
/** Processes on the diagram: 6 categories each, so the agenda has enough steps for the run. */
const PROCESSES = 120;
const STEP_INTERVAL_MS = 100;
const WRITE_INTERVAL_MS = 20;
const SETTLE_LIMIT_MS = 3_000;

const pushedSessionSchema = z.object({
  revision: z.number(),
  state: z.object({ itemIndex: z.number(), categoryIndex: z.number() }),
});

/** Where the session is: item and category, as one comparable key. */
const positionOf = (state: { itemIndex: number; categoryIndex: number }) =>
  `${state.itemIndex}:${state.categoryIndex}`;

/**
 * A participant: the session notices on one member's socket (the same socket that syncs the
 * document, as in the workspace), keeping the newest session, whole or patched as the
 * workspace does (lib/collab/json-patch.ts), and its position.
 */
class Participant {
  position = "";
  session: unknown = null;
  onPosition: ((position: string, at: number) => void) | null = null;

  constructor(readonly socket: WebSocket) {
    this.socket.on("message", (data: Buffer) => {
      if (data[0] !== MESSAGE_SESSION_CHANGED || data.length < 2) return;
      const at = performance.now();
      const notice = JSON.parse(data.subarray(1).toString("utf8")) as Record<string, unknown>;
      // Checked as cheaply as a client can: the 19 participants share this one process, so
      // each one's checks would delay the others' arrival times.
      const held = this.session as { revision?: unknown } | null;
      const next =
        "patch" in notice
          ? held?.revision === notice.base
            ? applyPatch(held, notice.patch as JsonPatch)
            : null
          : notice;
      const parsed = pushedSessionSchema.safeParse(next);
      if (!parsed.success) return;
      this.session = next;
      this.position = positionOf(parsed.data.state);
      this.onPosition?.(this.position, at);
    });
  }
}

/** `facilitation_step_p99_ms_20` beside a sync p99 of the same room and run. */
export const facilitationStepSection: BenchSection = {
  name: "facilitation-step",
  title: `Following the facilitator: a move reaching ${PARTICIPANTS} participants`,
  run: async ({ isQuick }): Promise<SectionResult> => {
    const slices = isQuick ? 3 : 10;
    const sliceMs = 1_000;
    const server = await startBenchServer("ours");
    const participants: Participant[] = [];
    const clients: ProtocolClient[] = [];
    try {
      const facilitator = await signUpBenchUser(server, "Bench Facilitator");
      const member = await signUpBenchUser(server, "Bench Participant");
      const [modelId] = await createBenchModels(server, {
        owner: facilitator,
        editors: [member],
        count: 1,
      });
      const url = `ws://127.0.0.1:${server.port}/collab/${modelId}?schema=${SCHEMA_VERSION}`;

      // The sync workload's clients: the writer (facilitator) and 19 receivers.
      const stepSamples: number[] = [];
      const syncSamples: number[] = [];
      const syncEdits: { clock: number; sentAt: number | null }[] = [];
      const held = new Array<number>(PARTICIPANTS + 1).fill(0);
      let writerId = -1;
      for (let index = 0; index <= PARTICIPANTS; index += 1) {
        const client = connectProtocolClient({
          url,
          headers: index === 0 ? facilitator.headers : member.headers,
          name: `Sync ${index}`,
          onRemoteChange: (doc) => {
            if (index === 0) return;
            const clock = Y.getState(doc.store, writerId);
            const now = performance.now();
            let next = held[index] ?? 0;
            for (
              let edit = syncEdits[next];
              edit && edit.clock <= clock;
              edit = syncEdits[++next]
            ) {
              if (edit.sentAt !== null) syncSamples.push(now - edit.sentAt);
            }
            held[index] = next;
          },
        });
        clients.push(client);
        await client.synced;
      }
      const writer = clients[0];
      if (!writer) throw new Error("no writer");
      writerId = writer.doc.clientID;
      // The diagram the session walks, drawn by the facilitator's client.
      if (listDiagrams(writer.doc).length === 0) {
        addDiagram(writer.doc, { title: "Context diagram", layer: 0 });
      }
      const diagramId = listDiagrams(writer.doc)[0]?.id ?? "";
      writer.doc.transact(() => {
        for (let index = 0; index < PROCESSES; index += 1) {
          addElement(writer.doc, {
            kind: "process",
            diagramId,
            name: `Service ${index}`,
            x: (index % 20) * 200,
            y: Math.floor(index / 20) * 150,
          });
        }
      });
      const threatId = addThreat(writer.doc, { title: "Replay", category: "spoofing" }, "bench");
      const last = clients.at(-1);
      while (last && listDiagrams(last.doc).length === 0) await sleep(5);
      await sleep(500);

      // The same 20 sockets follow the session: the writer's is the facilitator's.
      const steering = new Participant(writer.socket);
      for (const client of clients.slice(1)) participants.push(new Participant(client.socket));
      await callApi(server, "POST", `/api/models/${modelId}/session`, {}, facilitator.headers);
      let requestCount = 0;

      /** One step: the move, then every participant showing its position. */
      const step = async (isTimed: boolean) => {
        const sentAt = performance.now();
        const expected = new Promise<void>((resolve) => {
          let pending = PARTICIPANTS;
          let target: string | null = null;
          const arrivals: { participant: Participant; at: number }[] = [];
          const settle = (participant: Participant, at: number) => {
            if (target === null) {
              arrivals.push({ participant, at });
              return;
            }
            if (participant.position !== target) return;
            participant.onPosition = null;
            if (isTimed) stepSamples.push(at - sentAt);
            pending -= 1;
            if (pending === 0) resolve();
          };
          for (const participant of participants) {
            participant.onPosition = (_position, at) => settle(participant, at);
          }
          // The facilitator's own socket hears the new position with everyone else's.
          steering.onPosition = (position) => {
            steering.onPosition = null;
            target = position;
            for (const arrival of arrivals.splice(0)) settle(arrival.participant, arrival.at);
            for (const participant of participants) {
              if (participant.onPosition && participant.position === target) {
                settle(participant, performance.now());
              }
            }
          };
          requestCount += 1;
          steering.socket.send(
            encodeJsonMessage(MESSAGE_SESSION_COMMAND, {
              requestId: `step-${requestCount}`,
              command: { type: "next" },
            }),
          );
        });
        await Promise.race([expected, sleep(SETTLE_LIMIT_MS)]);
      };

      const writeSlice = async (isTimed: boolean) => {
        let revision = 0;
        const timer = setInterval(() => {
          revision += 1;
          const sentAt = performance.now();
          updateThreat(writer.doc, threatId, { description: `Revision ${revision}` });
          syncEdits.push({
            clock: Y.getState(writer.doc.store, writerId),
            sentAt: isTimed ? sentAt : null,
          });
        }, WRITE_INTERVAL_MS);
        await sleep(sliceMs);
        clearInterval(timer);
        const deadline = performance.now() + SETTLE_LIMIT_MS;
        while (
          held.slice(1).some((count) => count < syncEdits.length) &&
          performance.now() < deadline
        ) {
          await sleep(5);
        }
      };

      const stepSlice = async (isTimed: boolean) => {
        const until = performance.now() + sliceMs;
        while (performance.now() < until) {
          await step(isTimed);
          await sleep(STEP_INTERVAL_MS);
        }
      };

      await stepSlice(false);
      await writeSlice(false);
      for (let slice = 0; slice < slices; slice += 1) {
        await stepSlice(true);
        await writeSlice(true);
      }
      const steps = [...stepSamples].sort((a, b) => a - b);
      const sync = [...syncSamples].sort((a, b) => a - b);
      const stepP99 = roundFigure(percentile(steps, 0.99));
      const syncP99 = roundFigure(percentile(sync, 0.99));
      const figures = {
        facilitation_step_p50_ms_20: roundFigure(percentile(steps, 0.5)),
        facilitation_step_p99_ms_20: stepP99,
        facilitation_sync_p99_ms_20: syncP99,
        facilitation_step_ratio_20_sync: roundFigure(stepP99 / syncP99),
      };
      return {
        columns: ["workload", "p50 ms", "p95 ms", "p99 ms", "samples"],
        rows: [
          [
            "facilitator's move",
            figures.facilitation_step_p50_ms_20,
            roundFigure(percentile(steps, 0.95)),
            stepP99,
            steps.length,
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
          `move p99 / sync p99 in the same room and run = ${figures.facilitation_step_ratio_20_sync} (target <= 1.2)`,
          "A move is timed from sending the facilitator's command until each participant's socket has " +
            "the session at the new position (the server sends it with its notice).",
        ],
      };
    } finally {
      for (const client of clients) client.close();
      await server.stop();
    }
  },
};
