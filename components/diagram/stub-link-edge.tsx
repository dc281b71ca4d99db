"use client";

import {
  BaseEdge,
  useInternalNode,
  type EdgeProps,
  type InternalNode,
  type Node,
} from "@xyflow/react";
import type { Rect } from "@/lib/diagram/geometry";
import type { StubLinkEdge } from "./diagram-mapping";
import { getNodeOutline, getOutlinePoint } from "./edge-geometry";

function getRect(node: InternalNode<Node>): Rect {
  return {
    x: node.internals.positionAbsolute.x,
    y: node.internals.positionAbsolute.y,
    width: node.measured.width ?? node.width ?? 0,
    height: node.measured.height ?? node.height ?? 0,
  };
}

/**
 * A stub joined to the inner element that carries its parent flow: a dashed arrow from the
 * stub's inner side (its handle) to the element's outline, or back for an outgoing flow.
 */
export function StubLinkEdgeView({
  source,
  target,
  data,
  selected,
  markerEnd,
  markerStart,
  id,
}: EdgeProps<StubLinkEdge>) {
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  if (!sourceNode || !targetNode || !data) return null;
  const isIncoming = data.stub.direction === "in";
  const stubNode = isIncoming ? sourceNode : targetNode;
  const elementNode = isIncoming ? targetNode : sourceNode;
  const stubRect = getRect(stubNode);
  // An incoming stub sits left of the drawing and is joined on its right; an outgoing one on its left.
  const stubPoint = {
    x: isIncoming ? stubRect.x + stubRect.width : stubRect.x,
    y: stubRect.y + stubRect.height / 2,
  };
  const elementPoint = getOutlinePoint(
    getRect(elementNode),
    getNodeOutline(elementNode.type),
    stubPoint,
  );
  const from = isIncoming ? stubPoint : elementPoint;
  const to = isIncoming ? elementPoint : stubPoint;
  return (
    <BaseEdge
      id={id}
      path={`M ${from.x},${from.y} L ${to.x},${to.y}`}
      markerEnd={markerEnd}
      markerStart={markerStart}
      interactionWidth={16}
      style={{
        stroke: selected ? "#4f46e5" : "#64748b",
        strokeWidth: selected ? 2.5 : 1.75,
        strokeDasharray: "6 4",
      }}
    />
  );
}
