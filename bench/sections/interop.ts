import fs from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { z } from "zod";
import { exportNativeModel } from "@/lib/interop/native/model-file";
import { initializeDocument } from "@/lib/model/document";
import { addMitigation } from "@/lib/model/mitigations";
import { addThreat, STRIDE_CATEGORIES, THREAT_SEVERITIES } from "@/lib/model/threats";
import { addElementsAndFlows } from "../large-model";
import { percentile } from "../realtime/percentile";
import { signUpBenchUser, type BenchUser } from "../realtime/seed";
import { startBenchServer, type BenchServer } from "../realtime/spawn-server";
import { roundFigure, type BenchSection } from "../section";

/**
 * Import, export and report on our server, timed from the request until the whole answer
 * arrived (loopback): `import_tm7_ms` (the Threat Modeling Tool sample, a new model with its
 * 29 threats), `export_json_ms_1000` (our model file of a model with 1,000 elements, 1,500
 * flows and 3,000 threats; goal under 200 ms) and `report_pdf_ms_500` (the PDF report of a
 * model with 500 elements, 700 flows and 2,000 threats; goal under 10 s). Medians.
 */

const TM7 = path.join(process.cwd(), "tests/fixtures/interop/ms-tmt/Sample_Threat_Model.tm7");
const modelAnswer = z.object({ model: z.object({ id: z.string() }) });

/** A model of `elements` elements, `flows` flows and `threats` threats (with mitigations). */
function buildModel(size: { elements: number; flows: number; threats: number }): Uint8Array {
  const doc = new Y.Doc();
  const { diagramId } = initializeDocument(doc, { title: "Bench model", ownerId: "bench" });
  doc.transact(() => {
    const { elements, flows } = addElementsAndFlows(doc, diagramId, size);
    const targets = [...elements, ...flows];
    for (let i = 0; i < size.threats; i += 1) {
      const threatId = addThreat(
        doc,
        {
          title: `Threat ${i} against ${i % 2 === 0 ? "the service" : "the data"}`,
          category: STRIDE_CATEGORIES[i % STRIDE_CATEGORIES.length] ?? "tampering",
          severity: THREAT_SEVERITIES[i % THREAT_SEVERITIES.length] ?? null,
          description: "An attacker could do this; the description is a sentence or two long.",
          targetId: targets[i % targets.length] ?? null,
        },
        "bench",
      );
      if (i % 4 === 0)
        addMitigation(doc, { title: `Control ${i}`, threatIds: [threatId] }, "bench");
    }
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** Creates a model on the server from a document state (our model file). */
async function importState(server: BenchServer, user: BenchUser, state: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const file = exportNativeModel(doc, state);
  doc.destroy();
  const answer = await timedFetch(server, user, "POST", "/api/models/import", JSON.stringify(file));
  return modelAnswer.parse(JSON.parse(new TextDecoder().decode(answer.body))).model.id;
}

async function timedFetch(
  server: BenchServer,
  user: BenchUser,
  method: string,
  pathname: string,
  body?: string,
): Promise<{ ms: number; body: Uint8Array }> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${server.port}${pathname}`, {
    method,
    headers: { ...user.headers, "content-type": "application/json" },
    body,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const ms = performance.now() - started;
  if (!response.ok) {
    throw new Error(`${method} ${pathname}: ${response.status} ${new TextDecoder().decode(bytes)}`);
  }
  return { ms, body: bytes };
}

const median = (samples: number[]) =>
  percentile(
    [...samples].sort((a, b) => a - b),
    0.5,
  );

export const interopSection: BenchSection = {
  name: "interop",
  title: "Import, export and report",
  run: async ({ isQuick }) => {
    const server = await startBenchServer("ours");
    try {
      const user = await signUpBenchUser(server, "Bench Importer");
      const tm7 = fs.readFileSync(TM7, "utf8");
      const runs = isQuick ? 3 : 7;
      const imports: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        imports.push((await timedFetch(server, user, "POST", "/api/models/import", tm7)).ms);
      }

      const large = await importState(
        server,
        user,
        buildModel({ elements: 1_000, flows: 1_500, threats: 3_000 }),
      );
      const exportPath = `/api/models/${large}/export?format=json`;
      await timedFetch(server, user, "GET", exportPath); // loads the room
      const exports: number[] = [];
      let exportBytes = 0;
      for (let i = 0; i < runs; i += 1) {
        const answer = await timedFetch(server, user, "GET", exportPath);
        exports.push(answer.ms);
        exportBytes = answer.body.byteLength;
      }

      const reported = await importState(
        server,
        user,
        buildModel({ elements: 500, flows: 700, threats: 2_000 }),
      );
      const reports: number[] = [];
      let pdfBytes = 0;
      for (let i = 0; i < (isQuick ? 1 : 3); i += 1) {
        const answer = await timedFetch(
          server,
          user,
          "GET",
          `/api/models/${reported}/report?format=pdf`,
        );
        reports.push(answer.ms);
        pdfBytes = answer.body.byteLength;
      }

      const figures = {
        import_tm7_ms: roundFigure(median(imports)),
        export_json_ms_1000: roundFigure(median(exports)),
        report_pdf_ms_500: roundFigure(median(reports)),
      };
      return {
        columns: ["workload", "median ms", "runs", "goal"],
        rows: [
          ["import the TMT sample (.tm7, 29 threats)", figures.import_tm7_ms, imports.length, "-"],
          [
            `export our model file, 1,000 elements (${Math.round(exportBytes / 1024)} KB)`,
            figures.export_json_ms_1000,
            exports.length,
            "< 200",
          ],
          [
            `PDF report, 500 elements / 700 flows / 2,000 threats (${Math.round(pdfBytes / 1024)} KB)`,
            figures.report_pdf_ms_500,
            reports.length,
            "< 10000",
          ],
        ],
        figures,
        notes: [
          "Each time runs from sending the request until the whole answer arrived, on loopback; the export is timed once its room is loaded.",
        ],
      };
    } finally {
      await server.stop();
    }
  },
};
