import { describe, expect, it } from "vitest";
import { listElements } from "@/lib/model/elements";
import { getElementGeometry } from "./diagram-mapping";
import { reduceNodeChanges } from "./node-changes";
import { buildSmallDiagram } from "./test-factories";

function buildContext(isReadOnly = false) {
  const diagram = buildSmallDiagram();
  const elementsById = new Map(listElements(diagram.doc).map((element) => [element.id, element]));
  const web = elementsById.get(diagram.web);
  if (!web) throw new Error("the web app is on the diagram");
  return {
    ...diagram,
    geometry: getElementGeometry(web),
    context: { elementsById, isReadOnly, localDrags: new Map() },
  };
}

describe("reduceNodeChanges", () => {
  it("keeps element select changes and drops those of stubs", () => {
    const { web, context } = buildContext();
    const outcome = reduceNodeChanges(
      [
        { type: "select", id: web, selected: true },
        { type: "select", id: "stub:flow-1", selected: true },
      ],
      context,
    );
    expect(outcome.selectionChanges).toEqual([{ type: "select", id: web, selected: true }]);
    expect(outcome.nextDrags).toBeNull();
    expect(outcome.commits.size).toBe(0);
  });

  it("shows a drag live, then commits it when it ends", () => {
    const { web, geometry, context } = buildContext();
    const moving = reduceNodeChanges(
      [{ type: "position", id: web, position: { x: 400, y: 50 }, dragging: true }],
      context,
    );
    expect(moving.nextDrags?.get(web)).toMatchObject({ x: 400, y: 50 });
    expect(moving.commits.size).toBe(0);

    const ended = reduceNodeChanges(
      [{ type: "position", id: web, position: { x: 410, y: 60 }, dragging: false }],
      { ...context, localDrags: moving.nextDrags ?? new Map() },
    );
    expect(ended.nextDrags?.has(web)).toBe(false);
    expect(ended.commits.get(web)).toEqual({ ...geometry, x: 410, y: 60 });
  });

  it("only selects on a read-only canvas", () => {
    const { web, context } = buildContext(true);
    const outcome = reduceNodeChanges(
      [{ type: "position", id: web, position: { x: 1, y: 1 }, dragging: false }],
      context,
    );
    expect(outcome.nextDrags).toBeNull();
    expect(outcome.commits.size).toBe(0);
  });
});
