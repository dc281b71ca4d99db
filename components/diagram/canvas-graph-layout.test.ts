import { describe, expect, it, vi } from "vitest";
import { addElement, listElementsOfDiagram } from "@/lib/model/elements";
import { addFlow, listFlowsOfDiagram } from "@/lib/model/flows";
import type * as LabelPlacement from "@/lib/diagram/label-placement";
import { CanvasGraphBuilder, type CanvasGraphInput } from "./canvas-graph";
import { buildCanvasDoc } from "./test-factories";

/*
 * How often the builder lays its flows out again. The label placement is counted through a
 * wrapper around the real one, so the places it gives are the real ones.
 */
const placement = vi.hoisted(() => ({ calls: 0 }));
vi.mock("@/lib/diagram/label-placement", async (importOriginal) => {
  const actual = await importOriginal<typeof LabelPlacement>();
  return {
    ...actual,
    placeLabels: (...args: Parameters<typeof actual.placeLabels>) => {
      placement.calls += 1;
      return actual.placeLabels(...args);
    },
  };
});

function buildInput(): { input: CanvasGraphInput; ids: string[]; flowId: string } {
  const { doc, diagramId } = buildCanvasDoc();
  const ids = [0, 1, 2].map((index) =>
    addElement(doc, { kind: "process", diagramId, name: `P${index}`, x: index * 300, y: 0 }),
  );
  const flowId = addFlow(doc, { sourceId: ids[0] ?? "", targetId: ids[1] ?? "", name: "Data" });
  addFlow(doc, { sourceId: ids[1] ?? "", targetId: ids[2] ?? "", name: "More data" });
  const input: CanvasGraphInput = {
    records: {
      elements: listElementsOfDiagram(doc, diagramId),
      flows: listFlowsOfDiagram(doc, diagramId),
      stubs: [],
    },
    selectedIds: new Set(),
    editing: null,
    liveGeometries: new Map(),
    remoteSelections: new Map(),
    isReadOnly: false,
  };
  return { input, ids, flowId };
}

describe("CanvasGraphBuilder's flow layout", () => {
  it("is kept while only the selection, a rename or other people's selections change", () => {
    const { input, ids, flowId } = buildInput();
    const builder = new CanvasGraphBuilder();
    placement.calls = 0;
    const first = builder.build(input);
    expect(placement.calls).toBe(1);

    const selected = builder.build({ ...input, selectedIds: new Set([ids[0] ?? "", flowId]) });
    builder.build({ ...input, editing: { type: "flow", id: flowId } });
    builder.build({
      ...input,
      remoteSelections: new Map([[flowId, [{ clientId: 7, name: "Ana", color: "#f00" }]]]),
    });
    expect(placement.calls).toBe(1);
    // The selection still shows: the selected node and flow are new objects, marked selected.
    expect(selected.nodes.find((node) => node.id === ids[0])?.selected).toBe(true);
    expect(selected.edges.find((edge) => edge.id === flowId)?.selected).toBe(true);
    expect(selected.edges.find((edge) => edge.id !== flowId)).toBe(
      first.edges.find((edge) => edge.id !== flowId),
    );
  });

  it("is worked out again when the drawing, a drag or the threat counts change", () => {
    const { input, ids, flowId } = buildInput();
    const builder = new CanvasGraphBuilder();
    placement.calls = 0;
    builder.build(input);
    const dragged = new Map([[ids[2] ?? "", { x: 900, y: 400, width: 120, height: 80 }]]);
    builder.build({ ...input, liveGeometries: dragged });
    expect(placement.calls).toBe(2);
    const counted = builder.build({ ...input, threatCounts: new Map([[flowId, 3]]) });
    expect(placement.calls).toBe(3);
    expect(counted.edges.find((edge) => edge.id === flowId)?.data?.threatCount).toBe(3);
    builder.build({ ...input, records: { ...input.records, flows: [...input.records.flows] } });
    expect(placement.calls).toBe(4);
  });
});
