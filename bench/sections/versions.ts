import * as Y from "yjs";
import { initializeDocument } from "@/lib/model/document";
import { diffDocuments } from "@/lib/model/diff";
import { updateElement } from "@/lib/model/elements";
import { addThreat, deleteThreat, updateThreat } from "@/lib/model/threats";
import { addElementsAndFlows, inBatches } from "../large-model";
import { roundFigure, type BenchSection } from "../section";

/** A model of 1,000 elements, 1,500 flows and 3,000 threats on one diagram. */
function buildLargeModel(): { doc: Y.Doc; elements: string[]; threats: string[] } {
  const doc = new Y.Doc();
  const { diagramId } = initializeDocument(doc, {
    title: "Large",
    ownerId: "bench",
    createdAt: 0,
  });
  const { elements } = addElementsAndFlows(doc, diagramId, { elements: 1_000, flows: 1_500 });
  const threats: string[] = [];
  inBatches(doc, 3_000, 3_000, (i) => {
    threats.push(addThreat(doc, { title: `Threat ${i}`, category: "tampering" }, "bench"));
  });
  return { doc, elements, threats };
}

/**
 * Versions: `version_diff_ms_1000`, the field-by-field diff of two versions of a model with
 * 1,000 elements, 1,500 flows and 3,000 threats, where 100 elements were renamed, 300 threats
 * changed and 50 deleted (median of several runs; goal under 200 ms).
 */
export const versionsSection: BenchSection = {
  name: "versions",
  title: "Versions",
  run: async ({ isQuick }) => {
    const { doc, elements, threats } = buildLargeModel();
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(doc));
    doc.transact(() => {
      for (const id of elements.slice(0, 100)) updateElement(doc, id, { name: "Renamed" });
      for (const id of threats.slice(0, 300)) updateThreat(doc, id, { status: "mitigated" });
      for (const id of threats.slice(300, 350)) deleteThreat(doc, id);
    });
    const runs = isQuick ? 3 : 9;
    const times: number[] = [];
    let changed = 0;
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      changed = diffDocuments(before, doc).entities.length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = roundFigure(times[Math.floor(times.length / 2)] ?? 0, 0);
    return {
      columns: ["figure", "value", "what"],
      rows: [
        [
          "version_diff_ms_1000",
          median,
          `ms: median of ${runs} diffs of two versions of a model with 1,000 elements, 1,500 flows and 3,000 threats (${changed} entities differ)`,
        ],
      ],
      figures: { version_diff_ms_1000: median },
      notes: ["goal: under 200 ms"],
    };
  },
};
