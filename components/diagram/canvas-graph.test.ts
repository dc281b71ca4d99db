import { describe, expect, it } from "vitest";
import { listStubFlows } from "@/lib/diagram/hierarchy";
import { addElement, listElementsOfDiagram, updateElement } from "@/lib/model/elements";
import { addFlow, listFlowsOfDiagram } from "@/lib/model/flows";
import type * as Y from "yjs";
import { CanvasGraphBuilder, type CanvasGraphInput } from "./canvas-graph";
import { buildCanvasDoc } from "./test-factories";

function readInput(doc: Y.Doc, diagramId: string): CanvasGraphInput {
  return {
    records: {
      elements: listElementsOfDiagram(doc, diagramId),
      flows: listFlowsOfDiagram(doc, diagramId),
      stubs: listStubFlows(doc, diagramId),
    },
    selectedIds: new Set(),
    editing: null,
    liveGeometries: new Map(),
    remoteSelections: new Map(),
    isReadOnly: false,
  };
}

/** A diagram of the size the canvas must stay fast for: 500 elements and 700 flows. */
function buildLargeDiagram() {
  const { doc, diagramId } = buildCanvasDoc();
  const ids: string[] = [];
  for (let index = 0; index < 500; index += 1) {
    ids.push(
      addElement(doc, {
        kind: index % 2 === 0 ? "process" : "data-store",
        diagramId,
        name: `Element ${index}`,
        x: (index % 25) * 200,
        y: Math.floor(index / 25) * 200,
      }),
    );
  }
  for (let index = 0; index < 700; index += 1) {
    const source = ids[index % 500] ?? "";
    const target = ids[(index * 7 + 1) % 500] ?? "";
    if (source !== target) addFlow(doc, { sourceId: source, targetId: target });
  }
  return { doc, diagramId, ids };
}

/** Four boxes around (300, 300): a flow West -> East and one North -> South cross there. */
function buildCompass() {
  const { doc, diagramId } = buildCanvasDoc();
  const at = (name: string, x: number, y: number) =>
    addElement(doc, { kind: "external-entity", diagramId, name, x, y, width: 80, height: 40 });
  return {
    doc,
    diagramId,
    west: at("West", 0, 280),
    east: at("East", 520, 280),
    north: at("North", 260, 0),
    south: at("South", 260, 560),
  };
}

describe("CanvasGraphBuilder", () => {
  it("draws every element and flow of a large diagram", () => {
    const { doc, diagramId } = buildLargeDiagram();
    const graph = new CanvasGraphBuilder().build(readInput(doc, diagramId));
    expect(graph.nodes).toHaveLength(500);
    expect(graph.edges.length).toBeGreaterThan(690);
  });

  it("keeps the node and edge objects of what did not change", () => {
    const { doc, diagramId, ids } = buildLargeDiagram();
    const builder = new CanvasGraphBuilder();
    const input = readInput(doc, diagramId);
    const first = builder.build(input);
    const [moved = "", other = ""] = ids;

    // A drag in progress changes only the dragged node (and the edges it ends, via positions,
    // and those whose label it moved off or onto).
    const liveGeometries = new Map([[moved, { x: 5000, y: 5000, width: 120, height: 120 }]]);
    const dragging = builder.build({ ...input, liveGeometries });
    const changed = dragging.nodes.filter((node, index) => node !== first.nodes[index]);
    expect(changed.map((node) => node.id)).toEqual([moved]);

    // Selecting rebuilds the selected node only.
    const selecting = builder.build({ ...input, liveGeometries, selectedIds: new Set([other]) });
    const reselected = selecting.nodes.filter((node, index) => node !== dragging.nodes[index]);
    expect(reselected.map((node) => node.id)).toEqual([other]);
    expect(selecting.edges.every((edge, index) => edge === dragging.edges[index])).toBe(true);
  });

  it("returns the same graph when nothing it is drawn from changed", () => {
    const { doc, diagramId, ids } = buildLargeDiagram();
    const builder = new CanvasGraphBuilder();
    const input = readInput(doc, diagramId);
    const first = builder.build(input);
    // A peer's pointer moved: new maps of remote marks, with the same content.
    const again = builder.build({ ...input, remoteSelections: new Map() });
    expect(again).toBe(first);

    const selected = builder.build({ ...input, selectedIds: new Set([ids[0] ?? ""]) });
    expect(selected).not.toBe(first);
    expect(selected.edges).not.toBe(first.edges);
  });

  it("rebuilds an element whose record changed", () => {
    const { doc, diagramId } = buildCanvasDoc();
    const id = addElement(doc, { kind: "process", diagramId, name: "Web app" });
    const builder = new CanvasGraphBuilder();
    const before = builder.build(readInput(doc, diagramId)).nodes[0];
    updateElement(doc, id, { name: "Web front end" });
    const after = builder.build(readInput(doc, diagramId)).nodes[0];
    expect(after).not.toBe(before);
    expect(after?.ariaLabel).toBe("Process: Web front end");
  });

  it("places the labels of two flows crossing at their middles apart", () => {
    const { doc, diagramId, west, east, north, south } = buildCompass();
    // The two flows cross at (300, 300), the middle of each.
    addFlow(doc, { sourceId: west, targetId: east, name: "Across" });
    addFlow(doc, { sourceId: north, targetId: south, name: "Down" });
    const edges = new CanvasGraphBuilder().build(readInput(doc, diagramId)).edges;
    const labelAt = (name: string) =>
      edges.find((edge) => edge.type === "flow" && edge.data?.flow.name === name)?.data;
    // Whichever is listed first keeps its middle; the other moves along its line.
    const positions = [labelAt("Across")?.labelAt, labelAt("Down")?.labelAt];
    expect(positions).toContain(0.5);
    expect(positions.filter((position) => position !== 0.5)).toHaveLength(1);
  });

  it("places labels and parallel flows the same whatever order the records arrived in", () => {
    const { doc, diagramId, west, east, north, south } = buildCompass();
    addFlow(doc, { sourceId: west, targetId: east, name: "Across" });
    addFlow(doc, { sourceId: west, targetId: east, name: "Across again" });
    addFlow(doc, { sourceId: north, targetId: south, name: "Down" });
    // A peer that had the diagram open when a flow was added lists it last.
    const sorted = readInput(doc, diagramId);
    const arrived = {
      ...sorted,
      records: { ...sorted.records, flows: [...sorted.records.flows].reverse() },
    };
    const placesOf = (input: CanvasGraphInput) =>
      new Map(
        new CanvasGraphBuilder()
          .build(input)
          .edges.flatMap((edge) =>
            edge.type === "flow" && edge.data
              ? [[edge.id, [edge.data.labelAt, edge.data.parallelOffset]] as const]
              : [],
          ),
      );
    expect(placesOf(arrived)).toEqual(placesOf(sorted));
  });
});
