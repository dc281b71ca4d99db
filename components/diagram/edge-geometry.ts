import type { Point, Rect } from "@/lib/diagram/geometry";

/** The outline a data flow ends on: a process is drawn as an ellipse, the rest as boxes. */
export type NodeOutline = "box" | "ellipse";

/** The outline of an element or node of this kind (or React Flow node type). */
export function getNodeOutline(kind: string | undefined): NodeOutline {
  return kind === "process" ? "ellipse" : "box";
}

/**
 * Where the straight line from the centre of `rect` towards `toward` leaves the outline. The
 * centre itself when `toward` is the centre.
 */
export function getOutlinePoint(rect: Rect, outline: NodeOutline, toward: Point): Point {
  const center = { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  const dx = toward.x - center.x;
  const dy = toward.y - center.y;
  if (dx === 0 && dy === 0) return center;
  const halfWidth = Math.abs(rect.width) / 2;
  const halfHeight = Math.abs(rect.height) / 2;
  let scale: number;
  if (outline === "ellipse") {
    const denominator = Math.sqrt(
      (dx * dx) / Math.max(halfWidth * halfWidth, 1e-9) +
        (dy * dy) / Math.max(halfHeight * halfHeight, 1e-9),
    );
    scale = 1 / denominator;
  } else {
    const scaleX = dx === 0 ? Infinity : halfWidth / Math.abs(dx);
    const scaleY = dy === 0 ? Infinity : halfHeight / Math.abs(dy);
    scale = Math.min(scaleX, scaleY);
  }
  return { x: center.x + dx * scale, y: center.y + dy * scale };
}

/**
 * The two ends of a data flow drawn as a straight arrow between the outlines of its elements,
 * shifted sideways by `offset` so that flows between the same two elements do not overlap.
 */
export function getFlowEndpoints(
  source: { rect: Rect; outline: NodeOutline },
  target: { rect: Rect; outline: NodeOutline },
  offset: number,
): { from: Point; to: Point } {
  const sourceCenter = {
    x: source.rect.x + source.rect.width / 2,
    y: source.rect.y + source.rect.height / 2,
  };
  const targetCenter = {
    x: target.rect.x + target.rect.width / 2,
    y: target.rect.y + target.rect.height / 2,
  };
  const length = Math.hypot(targetCenter.x - sourceCenter.x, targetCenter.y - sourceCenter.y);
  const normal =
    length === 0
      ? { x: 0, y: 0 }
      : {
          x: (-(targetCenter.y - sourceCenter.y) / length) * offset,
          y: ((targetCenter.x - sourceCenter.x) / length) * offset,
        };
  const shiftedTarget = { x: targetCenter.x + normal.x, y: targetCenter.y + normal.y };
  const shiftedSource = { x: sourceCenter.x + normal.x, y: sourceCenter.y + normal.y };
  const from = getOutlinePoint(source.rect, source.outline, shiftedTarget);
  const to = getOutlinePoint(target.rect, target.outline, shiftedSource);
  return {
    from: { x: from.x + normal.x, y: from.y + normal.y },
    to: { x: to.x + normal.x, y: to.y + normal.y },
  };
}

/**
 * The sideways offset of each flow among the flows joining the same two elements (in either
 * direction): 0 for a lone flow, spread evenly around the straight line otherwise. Flow id ->
 * offset in canvas units, with the offset measured in the direction of the lower element id.
 */
export function getParallelOffsets(
  flows: readonly { id: string; sourceId: string; targetId: string }[],
  spacing = 18,
): Map<string, number> {
  const groups = new Map<string, { id: string; isReversed: boolean }[]>();
  for (const flow of flows) {
    const isReversed = flow.sourceId > flow.targetId;
    const key = isReversed
      ? `${flow.targetId}|${flow.sourceId}`
      : `${flow.sourceId}|${flow.targetId}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [{ id: flow.id, isReversed }]);
    else group.push({ id: flow.id, isReversed });
  }
  const offsets = new Map<string, number>();
  for (const group of groups.values()) {
    group.forEach((flow, index) => {
      const offset = (index - (group.length - 1) / 2) * spacing;
      // The normal flips with the direction: flip the offset back so both sides stay apart.
      offsets.set(flow.id, flow.isReversed ? -offset : offset);
    });
  }
  return offsets;
}
