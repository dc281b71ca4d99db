import { describe, expect, it } from "vitest";
import {
  fitName,
  getViewRect,
  OVERVIEW_COLORS,
  paintOverview,
  type OverviewContext,
  type OverviewView,
} from "./overview-painter";
import type { OverviewFlow, OverviewScene, OverviewShape } from "./overview-scene";

/** A stand-in 2D context that records each call with the styles in force when it was made. */
function createRecorder() {
  const calls: { name: string; args: unknown[]; fillStyle: unknown; strokeStyle: unknown }[] = [];
  const state = {
    fillStyle: "" as unknown,
    strokeStyle: "" as unknown,
    lineWidth: 1,
    globalAlpha: 1,
    font: "",
    textAlign: "start",
    textBaseline: "alphabetic",
  };
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push({ name, args, fillStyle: state.fillStyle, strokeStyle: state.strokeStyle });
    };
  const methods = [
    "beginPath",
    "clearRect",
    "closePath",
    "ellipse",
    "fill",
    "fillText",
    "lineTo",
    "moveTo",
    "rect",
    "setLineDash",
    "setTransform",
    "stroke",
  ];
  const context = Object.assign(
    state,
    Object.fromEntries(methods.map((name) => [name, record(name)])),
  ) as unknown as OverviewContext;
  const named = (name: string) => calls.filter((call) => call.name === name);
  return { context, calls, named };
}

function shape(
  id: string,
  x: number,
  y: number,
  patch: Partial<OverviewShape> = {},
): OverviewShape {
  return {
    id,
    kind: "external-entity",
    rect: { x, y, width: 160, height: 80 },
    line: null,
    name: `Element ${id}`,
    isSelected: false,
    isOutOfScope: false,
    threatCount: 0,
    isEditing: false,
    remoteColor: null,
    ...patch,
  };
}

function flow(
  id: string,
  from: { x: number; y: number },
  to: { x: number; y: number },
): OverviewFlow {
  return {
    id,
    name: id,
    from,
    to,
    hasStartHead: false,
    isSelected: false,
    isDashed: false,
    isFlow: true,
    isEditing: false,
    remoteColor: null,
  };
}

/** `count` elements in rows of 25, 200 canvas units apart, joined in a chain by flows. */
function buildGrid(count: number): OverviewScene {
  const shapes = Array.from({ length: count }, (_, index) =>
    shape(String(index), (index % 25) * 200, Math.floor(index / 25) * 200, {
      kind: index % 2 === 0 ? "process" : "data-store",
    }),
  );
  const flows = shapes.slice(1).map((current, index) => {
    const previous = shapes[index] ?? current;
    return flow(`f${index}`, previous.rect, current.rect);
  });
  return { boundaries: [], flows, shapes };
}

const WHOLE_VIEW: OverviewView = { x: 0, y: 0, zoom: 0.2, width: 1000, height: 800, pixelRatio: 1 };

describe("paintOverview", () => {
  it("paints in view only, shapes of one look in one path whatever their number", () => {
    const small = createRecorder();
    const large = createRecorder();
    expect(paintOverview(small.context, buildGrid(10), WHOLE_VIEW)).toEqual({
      shapes: 10,
      flows: 9,
    });
    expect(paintOverview(large.context, buildGrid(500), WHOLE_VIEW)).toEqual({
      shapes: 500,
      flows: 499,
    });
    expect(large.named("fill").length).toBe(small.named("fill").length);
    expect(large.named("stroke").length).toBe(small.named("stroke").length);

    // Panned so that only the first column and row of the grid are in view.
    const corner = createRecorder();
    const painted = paintOverview(corner.context, buildGrid(500), {
      ...WHOLE_VIEW,
      x: 990,
      y: 790,
    });
    expect(painted.shapes).toBe(1);
    expect(corner.named("ellipse").length + corner.named("rect").length).toBe(1);
  });

  it("maps canvas units to device pixels through the view", () => {
    const { context, named } = createRecorder();
    paintOverview(context, buildGrid(1), {
      ...WHOLE_VIEW,
      x: 30,
      y: -40,
      zoom: 0.5,
      pixelRatio: 2,
    });
    expect(named("clearRect")[0]?.args).toEqual([0, 0, 2000, 1600]);
    expect(named("setTransform")[1]?.args).toEqual([1, 0, 0, 1, 60, -80]);
  });

  it("strokes selected flows in the selection colour, others in the flow colour", () => {
    const { context, named } = createRecorder();
    const selected = { ...flow("chosen", { x: 0, y: 300 }, { x: 400, y: 300 }), isSelected: true };
    paintOverview(
      context,
      {
        boundaries: [],
        shapes: [],
        flows: [flow("plain", { x: 0, y: 0 }, { x: 400, y: 0 }), selected],
      },
      WHOLE_VIEW,
    );
    expect(named("stroke").map((call) => call.strokeStyle)).toEqual([
      OVERVIEW_COLORS.flow,
      OVERVIEW_COLORS.selected,
    ]);
  });

  it("outlines what someone else has selected in their colour", () => {
    const { context, named } = createRecorder();
    const scene: OverviewScene = {
      boundaries: [],
      flows: [{ ...flow("theirs", { x: 0, y: 300 }, { x: 400, y: 300 }), remoteColor: "#0891b2" }],
      shapes: [shape("a", 0, 0, { remoteColor: "#0891b2" }), shape("b", 400, 0)],
    };
    paintOverview(context, scene, WHOLE_VIEW);
    const marked = named("stroke").filter((call) => call.strokeStyle === "#0891b2");
    // One band under the flow, one outline around the element: "b" is not outlined.
    expect(marked).toHaveLength(2);
    const outlines = named("rect").filter((call) => (call.args[2] as number) > 160);
    expect(outlines).toHaveLength(1);
  });

  it("writes names only where an element is wide enough on screen to read them", () => {
    const scene: OverviewScene = { boundaries: [], flows: [], shapes: [shape("a", 0, 0)] };
    const far = createRecorder();
    paintOverview(far.context, scene, WHOLE_VIEW);
    expect(far.named("fillText")).toEqual([]);
    const near = createRecorder();
    paintOverview(near.context, scene, { ...WHOLE_VIEW, zoom: 0.39 });
    expect(near.named("fillText").map((call) => call.args[0])).toEqual(["Element a"]);
  });
});

describe("fitName", () => {
  it("keeps a name that fits and cuts one that does not with an ellipsis", () => {
    expect(fitName("API", 60)).toBe("API");
    expect(fitName("Payment service gateway", 60)).toBe("Payment s…");
    expect(fitName("Anything", 5)).toBe("");
  });
});

describe("getViewRect", () => {
  it("is the part of the diagram on screen, in canvas units, with a margin", () => {
    const rect = getViewRect({ ...WHOLE_VIEW, x: -100, y: 50, zoom: 0.5 });
    expect(rect.x).toBeCloseTo(200 - 32);
    expect(rect.y).toBeCloseTo(-100 - 32);
    expect(rect.width).toBeCloseTo(2000 + 64);
    expect(rect.height).toBeCloseTo(1600 + 64);
  });
});
