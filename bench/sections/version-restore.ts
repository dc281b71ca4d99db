/**
 * Restoring a version of a large model: 1,000 elements, 1,500 flows and 3,000 threats on our
 * server with two people connected. After a version is saved, 100 elements are renamed, 300
 * threats changed and 50 deleted; the figure is the time from sending the restore request until
 * both people's documents are back to the version (every rename undone, every changed threat
 * back, every deleted threat back).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type * as Y from "yjs";
import { z } from "zod";
import { initializeDocument, SCHEMA_VERSION } from "@/lib/model/document";
import { getElement, updateElement } from "@/lib/model/elements";
import { listDiagrams } from "@/lib/model/diagrams";
import { addThreat, deleteThreat, getThreat, updateThreat } from "@/lib/model/threats";
import { addElementsAndFlows, inBatches } from "../large-model";
import { percentile } from "../realtime/percentile";
import { connectProtocolClient, type ProtocolClient } from "../realtime/protocol-client";
import { callApi, createBenchModels, signUpBenchUser } from "../realtime/seed";
import { startBenchServer } from "../realtime/spawn-server";
import { roundFigure, type BenchSection, type SectionResult } from "../section";

const ELEMENTS = 1_000;
const FLOWS = 1_500;
const THREATS = 3_000;
/** Entities per transaction while building: each transaction is one message under the limit. */
const BUILD_BATCH = 250;
const WAIT_LIMIT_MS = 60_000;

const savedVersionSchema = z.object({ version: z.object({ id: z.number() }) });

/** Polls `condition` every few milliseconds; throws after WAIT_LIMIT_MS. */
async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + WAIT_LIMIT_MS;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** Builds the model through one client, in transactions small enough for one message each. */
function buildModel(doc: Y.Doc): { elements: string[]; threats: string[] } {
  if (listDiagrams(doc).length === 0) {
    initializeDocument(doc, { title: "Large", ownerId: "bench", createdAt: 0 });
  }
  const diagramId = listDiagrams(doc)[0]?.id ?? "";
  const { elements } = addElementsAndFlows(
    doc,
    diagramId,
    { elements: ELEMENTS, flows: FLOWS },
    BUILD_BATCH,
  );
  const threats: string[] = [];
  inBatches(doc, THREATS, BUILD_BATCH, (i) => {
    threats.push(addThreat(doc, { title: `Threat ${i}`, category: "tampering" }, "bench"));
  });
  return { elements, threats };
}

/** `version_restore_ms_1000`: median of a few restores of a large model, until both clients have it. */
export const versionRestoreSection: BenchSection = {
  name: "version-restore",
  title: `Restoring a version of a model with ${ELEMENTS} elements, ${FLOWS} flows and ${THREATS} threats`,
  run: async ({ isQuick }): Promise<SectionResult> => {
    const runs = isQuick ? 3 : 7;
    const server = await startBenchServer("ours");
    const clients: ProtocolClient[] = [];
    try {
      const owner = await signUpBenchUser(server, "Bench Owner");
      const [modelId] = await createBenchModels(server, { owner, editors: [], count: 1 });
      const url = `ws://127.0.0.1:${server.port}/collab/${modelId}?schema=${SCHEMA_VERSION}`;
      for (const name of ["Facilitator", "Participant"]) {
        const client = connectProtocolClient({ url, headers: owner.headers, name });
        clients.push(client);
        await client.synced;
      }
      const [builder, other] = clients;
      if (!builder || !other) throw new Error("no clients");
      const { elements, threats } = buildModel(builder.doc);
      const lastThreat = threats.at(-1) ?? "";
      await waitUntil(
        () => getThreat(other.doc, lastThreat) !== null,
        "the model at the other client",
      );
      const saved = savedVersionSchema.parse(
        await callApi(
          server,
          "POST",
          `/api/models/${modelId}/versions`,
          { label: "Baseline" },
          owner.headers,
        ),
      );

      const renamed = elements.slice(0, 100);
      const changed = threats.slice(0, 300);
      const deleted = threats.slice(300, 350);
      const lastDeleted = deleted.at(-1) ?? "";
      /** Every rename, threat change and deletion undone (names as buildModel gave them). */
      const isRestored = (doc: Y.Doc) =>
        // The restore arrives as one update: until its last deletion is undone, nothing is.
        getThreat(doc, lastDeleted) !== null &&
        renamed.every((id, i) => getElement(doc, id)?.name === `Element ${i}`) &&
        changed.every((id) => getThreat(doc, id)?.status === "open") &&
        deleted.every((id) => getThreat(doc, id) !== null);
      const restoredMs: number[] = [];
      const answeredMs: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        builder.doc.transact(() => {
          for (const id of renamed) updateElement(builder.doc, id, { name: `Renamed ${run}` });
          for (const id of changed) updateThreat(builder.doc, id, { status: "mitigated" });
          for (const id of deleted) deleteThreat(builder.doc, id);
        });
        // The server relays what it has applied, so it holds the changes once the other has them.
        await waitUntil(
          () => getThreat(other.doc, lastDeleted) === null,
          "the changes at the other client",
        );
        let failure: unknown = null;
        const started = performance.now();
        const answered = callApi(
          server,
          "POST",
          `/api/models/${modelId}/versions/${saved.version.id}/restore`,
          {},
          owner.headers,
        ).then(
          () => performance.now(),
          (error: unknown) => {
            failure = error;
            return Number.NaN;
          },
        );
        await waitUntil(
          () => failure !== null || clients.every((client) => isRestored(client.doc)),
          "the restore at both clients",
        );
        if (failure !== null) throw failure;
        restoredMs.push(performance.now() - started);
        answeredMs.push((await answered) - started);
      }
      const median = (times: number[]) =>
        roundFigure(
          percentile(
            [...times].sort((a, b) => a - b),
            0.5,
          ),
          0,
        );
      const figure = median(restoredMs);
      return {
        columns: ["figure", "value", "what"],
        rows: [
          [
            "version_restore_ms_1000",
            figure,
            `ms: median of ${runs} restores (100 renames, 300 threat changes and 50 deletions undone), ` +
              `from the request until both connected clients have it (goal < 500)`,
          ],
          [
            "(HTTP answer)",
            median(answeredMs),
            "ms: median from the same requests until their HTTP answer (not a goal)",
          ],
        ],
        figures: { version_restore_ms_1000: figure },
        notes: [
          `each run, in ms: clients ${restoredMs.map((ms) => ms.toFixed(0)).join(", ")}; ` +
            `HTTP ${answeredMs.map((ms) => ms.toFixed(0)).join(", ")}`,
        ],
      };
    } finally {
      for (const client of clients) client.close();
      await server.stop();
    }
  },
};
