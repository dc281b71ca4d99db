import { describe, expect, it } from "vitest";
import { addFlow, listFlows } from "@/lib/model/flows";
import { getElement, listElements } from "@/lib/model/elements";
import type { DiagramElement } from "@/lib/model/element-records";
import { addElement } from "@/lib/model/elements";
import {
  buildElementNode,
  buildFlowEdge,
  buildStubLinkEdge,
  buildStubNodes,
  getStubFlowId,
  getStubLinkId,
  parseStubLinkId,
  computeCrossedBoundaryNames,
  getNodeBox,
  listDrawableFlows,
  moveGeometry,
  LINE_PADDING,
} from "./diagram-mapping";
import { buildSmallDiagram } from "./test-factories";

function requireElement(element: DiagramElement | null): DiagramElement {
  if (element === null) throw new Error("missing element");
  return element;
}

const IDLE = { isSelected: false, isEditing: false, remoteMarks: [], isReadOnly: false };

describe("buildElementNode", () => {
  it("draws a process as a process node at its stored position and size", () => {
    const { doc, web } = buildSmallDiagram();
    const node = buildElementNode(requireElement(getElement(doc, web)), IDLE);
    expect(node).toMatchObject({
      id: web,
      type: "process",
      position: { x: 300, y: 0 },
      width: 120,
      height: 120,
      draggable: true,
      connectable: true,
      zIndex: 0,
      ariaLabel: "Process: Web app",
    });
  });

  it("draws a boundary box behind the others, never as a parent, and never connectable", () => {
    const { doc, internet } = buildSmallDiagram();
    const node = buildElementNode(requireElement(getElement(doc, internet)), IDLE);
    expect(node.type).toBe("boundary-box");
    expect(node.zIndex).toBe(-1);
    expect(node.connectable).toBe(false);
    expect(node.parentId).toBeUndefined();
  });

  it("uses a live geometry over the stored one and locks everything for read-only users", () => {
    const { doc, browser } = buildSmallDiagram();
    const node = buildElementNode(requireElement(getElement(doc, browser)), {
      ...IDLE,
      isReadOnly: true,
      geometry: { x: 40, y: 50, width: 160, height: 80 },
    });
    expect(node.position).toEqual({ x: 40, y: 50 });
    expect(node.draggable).toBe(false);
    expect(node.connectable).toBe(false);
    expect(node.deletable).toBe(false);
  });

  it("boxes a boundary line around both ends, whichever way it runs", () => {
    const { doc, diagramId } = buildSmallDiagram();
    const id = addElement(doc, {
      kind: "trust-boundary",
      shape: "line",
      diagramId,
      x: 100,
      y: 200,
      width: -60,
      height: 0,
    });
    const node = buildElementNode(requireElement(getElement(doc, id)), IDLE);
    expect(node.type).toBe("boundary-line");
    expect(node.position).toEqual({ x: 40 - LINE_PADDING, y: 200 - LINE_PADDING });
    expect(node.width).toBe(60 + 2 * LINE_PADDING);
  });
});

describe("moveGeometry", () => {
  it("moves a box to the node position and a line by the node's displacement", () => {
    const box = { x: 10, y: 10, width: 100, height: 50 };
    expect(moveGeometry("process", box, { x: 30, y: 40 })).toEqual({ ...box, x: 30, y: 40 });
    const line = { x: 100, y: 100, width: -50, height: 20 };
    const nodeBox = getNodeBox("boundary-line", line);
    const moved = moveGeometry("boundary-line", line, { x: nodeBox.x + 5, y: nodeBox.y - 7 });
    expect(moved).toEqual({ x: 105, y: 93, width: -50, height: 20 });
  });
});

describe("flows", () => {
  it("draws a bidirectional flow with two arrowheads", () => {
    const { doc, browser, web } = buildSmallDiagram();
    addFlow(doc, { sourceId: browser, targetId: web, name: "Sign in", bidirectional: true });
    const [flow] = listFlows(doc);
    if (!flow) throw new Error("missing flow");
    const edge = buildFlowEdge(flow, {
      ...IDLE,
      crossedBoundaryNames: ["Internet"],
      sourceName: "Browser",
      targetName: "Web app",
      parallelOffset: 0,
    });
    expect(edge).toMatchObject({ source: browser, target: web, type: "flow" });
    expect(edge.markerEnd).toBeDefined();
    expect(edge.markerStart).toBeDefined();
    expect(edge.data?.crossedBoundaryNames).toEqual(["Internet"]);
    expect(edge.ariaLabel).toBe("Data flow: Sign in, from Browser to Web app");
  });

  it("skips flows whose end is missing instead of failing", () => {
    const { doc, browser, web } = buildSmallDiagram();
    addFlow(doc, { sourceId: browser, targetId: web });
    const flows = listFlows(doc);
    const withoutWeb = new Map(
      listElements(doc)
        .filter((element) => element.id !== web)
        .map((element) => [element.id, element]),
    );
    expect(listDrawableFlows(flows, withoutWeb)).toEqual([]);
  });

  it("names the boundaries a flow crosses, following elements as they are dragged", () => {
    const { doc, browser, web, db } = buildSmallDiagram();
    const toWeb = addFlow(doc, { sourceId: browser, targetId: web });
    const toDb = addFlow(doc, { sourceId: web, targetId: db });
    const elements = listElements(doc);
    const flows = listFlows(doc);
    const stored = computeCrossedBoundaryNames(elements, flows, new Map());
    expect(stored.get(toWeb)).toEqual(["Internet"]);
    expect(stored.get(toDb)).toEqual([]);
    const dragged = computeCrossedBoundaryNames(
      elements,
      flows,
      new Map([[browser, { x: 400, y: 0, width: 160, height: 80 }]]),
    );
    expect(dragged.get(toWeb)).toEqual([]);
  });
});

describe("buildStubNodes", () => {
  it("puts incoming stubs left of the drawing and outgoing ones right, fixed", () => {
    const stubs = buildStubNodes(
      [
        {
          parentFlowId: "f1",
          name: "Order",
          direction: "in",
          outsideElementName: "Shop",
          bidirectional: false,
          linkedElementIds: [],
        },
        {
          parentFlowId: "f2",
          name: "Row",
          direction: "out",
          outsideElementName: "DB",
          bidirectional: false,
          linkedElementIds: ["inner"],
        },
      ],
      { x: 0, y: 0, width: 500, height: 300 },
    );
    const [incoming, outgoing] = stubs;
    expect(incoming?.position.x).toBeLessThan(0);
    expect(outgoing?.position.x).toBeGreaterThan(500);
    // Connectable: drawing from a stub joins it to an inner element.
    expect(incoming).toMatchObject({ draggable: false, selectable: false, connectable: true });
    expect(incoming?.ariaLabel).toBe("Parent flow: Order, from Shop");
    expect(outgoing?.ariaLabel).toBe("Parent flow: Row, to DB");
    const readOnly = buildStubNodes([], { x: 0, y: 0, width: 1, height: 1 }, true);
    expect(readOnly).toEqual([]);
  });

  it("cannot be joined to anything in a read-only diagram", () => {
    const [stub] = buildStubNodes(
      [
        {
          parentFlowId: "f1",
          name: "Order",
          direction: "in",
          outsideElementName: "Shop",
          bidirectional: false,
          linkedElementIds: [],
        },
      ],
      { x: 0, y: 0, width: 500, height: 300 },
      true,
    );
    expect(stub?.connectable).toBe(false);
  });
});

describe("stub links", () => {
  const stub = {
    parentFlowId: "f1",
    name: "Order",
    direction: "in" as const,
    outsideElementName: "Shop",
    bidirectional: false,
    linkedElementIds: ["e1"],
  };

  it("runs from an incoming stub to its element, and from the element to an outgoing one", () => {
    const state = { isSelected: false, isReadOnly: false };
    const incoming = buildStubLinkEdge(stub, { id: "e1", name: "Parser" }, state);
    expect(incoming).toMatchObject({ source: "stub:f1", target: "e1", type: "stub-link" });
    expect(incoming.ariaLabel).toBe("Parent flow Order carried by Parser");
    const outgoing = buildStubLinkEdge(
      { ...stub, direction: "out" },
      { id: "e1", name: "Parser" },
      state,
    );
    expect(outgoing).toMatchObject({ source: "e1", target: "stub:f1" });
  });

  it("has an id that names the flow and the element, and reads back", () => {
    const id = getStubLinkId("f1", "e1");
    expect(parseStubLinkId(id)).toEqual({ flowId: "f1", elementId: "e1" });
    expect(getStubFlowId("stub:f1")).toBe("f1");
    expect(getStubFlowId("f1")).toBeNull();
    expect(parseStubLinkId("f1")).toBeNull();
    expect(parseStubLinkId("stub-link:f1")).toBeNull();
  });
});
