/**
 * Restoring a version of a large model: 1,000 elements, 1,500 flows and 3,000 threats on our
 * server with two people connected. After a version is saved, 100 elements are renamed, 300
 * threats changed and 50 deleted; the figure is the time from the restore request until both
 * people's documents are back to the version (the renames undone, the deleted threats back).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type * as Y from "yjs";
import { initializeDocument, SCHEMA_VERSION } from "@/lib/model/document";
import { addElement, getElement, updateElement } from "@/lib/model/elements";
import { addFlow } from "@/lib/model/flows";
import { listDiagrams } from "@/lib/model/diagrams";
import { addThreat, deleteThreat, getThreat, updateThreat } from "@/lib/model/threats";
import { connectProtocolClient, type ProtocolClient } from "../realtime/protocol-client";
import { createBenchModels, signUpBenchUser, type BenchUser } from "../realtime/seed";
import { startBenchServer, type BenchServer } from "../realtime/spawn-server";
import { roundFigure, type BenchSection, type SectionResult } from "../section";

const ELEMENTS = 1_000;
const FLOWS = 1_500;
const THREATS = 3_000;
/** Entities per transaction while building: each transaction is one message under the limit. */
const BUILD_BATCH = 250;
const WAIT_LIMIT_MS = 60_000;

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + WAIT_LIMIT_MS;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

async function post(server: BenchServer, user: BenchUser, pathname: string, body: unknown) {
  const response = await fetch(`http://127.0.0.1:${server.port}${pathname}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...user.headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${pathname}: ${response.status} ${text}`);
  return JSON.parse(text) as unknown;
}

/** Builds the model through one client, in transactions small enough for one message each. */
function buildModel(doc: Y.Doc): { elements: string[]; threats: string[] } {
  if (listDiagrams(doc).length === 0) {
    initializeDocument(doc, { title: "Large", ownerId: "bench", createdAt: 0 });
  }
  const diagramId = listDiagrams(doc)[0]?.id ?? "";
  const elements: string[] = [];
  const threats: string[] = [];
  for (let first = 0; first < ELEMENTS; first += BUILD_BATCH) {
    doc.transact(() => {
      for (let i = first; i < Math.min(ELEMENTS, first + BUILD_BATCH); i += 1) {
        const kind = i % 3 === 0 ? "process" : i % 3 === 1 ? "data-store" : "external-entity";
        elements.push(
          addElement(doc, {
            kind,
            diagramId,
            name: `Element ${i}`,
            x: (i % 40) * 200,
            y: Math.floor(i / 40) * 150,
          }),
        );
      }
    });
  }
  for (let first = 0; first < FLOWS; first += BUILD_BATCH) {
    doc.transact(() => {
      for (let i = first; i < Math.min(FLOWS, first + BUILD_BATCH); i += 1) {
        const source = elements[i % ELEMENTS] ?? "";
        const target = elements[(i * 7 + 1) % ELEMENTS] ?? "";
        if (source !== target)
          addFlow(doc, { sourceId: source, targetId: target, name: `Flow ${i}` });
      }
    });
  }
  for (let first = 0; first < THREATS; first += BUILD_BATCH) {
    doc.transact(() => {
      for (let i = first; i < Math.min(THREATS, first + BUILD_BATCH); i += 1) {
        threats.push(addThreat(doc, { title: `Threat ${i}`, category: "tampering" }, "bench"));
      }
    });
  }
  return { elements, threats };
}

/** `version_restore_ms_1000`: median of a few restores of a large model, until both clients have it. */
export const versionRestoreSection: BenchSection = {
  name: "version-restore",
  title: `Restoring a version of a model with ${ELEMENTS} elements, ${FLOWS} flows and ${THREATS} threats`,
  run: async ({ isQuick }): Promise<SectionResult> => {
    const runs = isQuick ? 2 : 5;
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
      const saved = (await post(server, owner, `/api/models/${modelId}/versions`, {
        label: "Baseline",
      })) as {
        version: { id: number };
      };

      const renamed = elements.slice(0, 100);
      const deleted = threats.slice(300, 350);
      const times: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        builder.doc.transact(() => {
          for (const id of renamed) updateElement(builder.doc, id, { name: `Renamed ${run}` });
          for (const id of threats.slice(0, 300))
            updateThreat(builder.doc, id, { status: "mitigated" });
          for (const id of deleted) deleteThreat(builder.doc, id);
        });
        const lastDeleted = deleted.at(-1) ?? "";
        await waitUntil(
          () => getThreat(other.doc, lastDeleted) === null,
          "the changes at the other client",
        );
        // The server has the changes once the other client has them (it relays them).
        const started = performance.now();
        await post(
          server,
          owner,
          `/api/models/${modelId}/versions/${saved.version.id}/restore`,
          {},
        );
        const isRestored = (doc: Y.Doc) =>
          getElement(doc, renamed[0] ?? "")?.name === "Element 0" &&
          getThreat(doc, lastDeleted) !== null &&
          getThreat(doc, threats[0] ?? "")?.status === "open";
        await waitUntil(
          () => clients.every((client) => isRestored(client.doc)),
          "the restore at both clients",
        );
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const median = roundFigure(times[Math.floor(times.length / 2)] ?? Number.NaN, 0);
      return {
        columns: ["figure", "value", "what"],
        rows: [
          [
            "version_restore_ms_1000",
            median,
            `ms: median of ${runs} restores (100 renames, 300 threat changes and 50 deletions undone) until both connected clients have it (goal < 500)`,
          ],
        ],
        figures: { version_restore_ms_1000: median },
      };
    } finally {
      for (const client of clients) client.close();
      await server.stop();
    }
  },
};
