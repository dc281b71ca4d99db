"use client";

import { DiscussionBadge } from "@/components/review/discussion-badge";
import {
  BaseEdge,
  useInternalNode,
  type EdgeProps,
  type InternalNode,
  type Node,
} from "@xyflow/react";
import { memo, useEffect, useRef, useState } from "react";
import { markOnce, OPEN_MARKS } from "@/lib/perf/open-timing";
import { cx } from "@/components/ui/class-names";
import { useCanvasActions } from "./canvas-context";
import type { FlowEdge } from "./diagram-mapping";
import { getFlowEndpoints, getNodeOutline, type NodeOutline } from "./edge-geometry";
import { EdgeLabelPortal } from "./edge-label-layer";
import { getLabelPoint } from "@/lib/diagram/label-placement";
import { InlineNameInput } from "./inline-name-input";
import { formatCrossings, formatOpenThreats } from "./label-size";
import { StubLinkEdgeView } from "./stub-link-edge";

function toEnd(node: InternalNode<Node>): {
  rect: { x: number; y: number; width: number; height: number };
  outline: NodeOutline;
} {
  return {
    rect: {
      x: node.internals.positionAbsolute.x,
      y: node.internals.positionAbsolute.y,
      width: node.measured.width ?? node.width ?? 0,
      height: node.measured.height ?? node.height ?? 0,
    },
    outline: getNodeOutline(node.type),
  };
}

/**
 * A data flow: a straight arrow between the outlines of its two elements, a head at both ends
 * when bidirectional, its label at the middle with the trust boundaries it crosses.
 */
function FlowEdgeView({
  id,
  source,
  target,
  data,
  selected,
  markerEnd,
  markerStart,
}: EdgeProps<FlowEdge>) {
  const { commitRename, cancelRename } = useCanvasActions();
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  useEffect(() => markOnce(OPEN_MARKS.flowsDrawn), []);
  // A label holding the keyboard focus (its discussion badge) stays drawn when a pan takes it
  // out of the label area, so the focus is not lost with it.
  const [hasFocus, setHasFocus] = useState(false);
  const labelRef = useRef<HTMLDivElement>(null);
  // Removing the focused part (the rename input on commit, the badge when its last thread is
  // resolved) moves the focus away without a blur event in some browsers: while the label has
  // the focus, a change to what it holds checks that it still has.
  useEffect(() => {
    const label = labelRef.current;
    if (!hasFocus || label === null) return;
    const observer = new MutationObserver(() => {
      if (!label.contains(document.activeElement)) setHasFocus(false);
    });
    observer.observe(label, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [hasFocus]);
  // A flow whose element is gone (a peer deleted it a moment ago) draws nothing.
  if (!sourceNode || !targetNode || !data) return null;

  const { from, to } = getFlowEndpoints(toEnd(sourceNode), toEnd(targetNode), data.parallelOffset);
  const path = `M ${from.x},${from.y} L ${to.x},${to.y}`;
  const { x: labelX, y: labelY } = getLabelPoint(from, to, data.labelAt);
  const crossed = data.crossedBoundaryNames;
  const mark = data.remoteMarks[0];

  return (
    <>
      {mark ? (
        <path d={path} fill="none" stroke={mark.color} strokeOpacity={0.45} strokeWidth={7} />
      ) : null}
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        markerStart={markerStart}
        interactionWidth={16}
        style={{
          stroke: selected ? "#4f46e5" : "#334155",
          strokeWidth: selected ? 2.5 : 1.75,
          strokeDasharray: data.flow.outOfScope ? "4 4" : undefined,
        }}
      />
      <EdgeLabelPortal
        at={{ x: labelX, y: labelY }}
        isAlwaysShown={selected === true || data.isEditing || mark !== undefined || hasFocus}
      >
        <div
          ref={labelRef}
          onFocus={() => setHasFocus(true)}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget)) setHasFocus(false);
          }}
          className="nodrag nopan pointer-events-auto absolute flex flex-col items-center gap-0.5"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
        >
          {data.isEditing ? (
            <InlineNameInput
              label="Name of the data flow"
              initialValue={data.flow.name}
              onCommit={(name) => commitRename({ type: "flow", id }, name)}
              onCancel={cancelRename}
            />
          ) : data.label ? (
            <span
              className={cx(
                "rounded bg-white/90 px-1.5 py-0.5 text-xs text-slate-800 shadow-sm ring-1 ring-slate-200",
                selected && "ring-indigo-400",
              )}
            >
              {data.label}
            </span>
          ) : null}
          {data.threatCount > 0 ? (
            <span
              data-threat-count={data.threatCount}
              className="rounded-full bg-red-600 px-1.5 text-[10px] font-semibold whitespace-nowrap text-white"
            >
              {formatOpenThreats(data.threatCount)}
            </span>
          ) : null}
          <DiscussionBadge kind="flow" id={id} name={data.flow.name} />
          {crossed.length > 0 ? (
            <span
              className="rounded-full bg-red-50 px-1.5 text-[10px] font-medium whitespace-nowrap text-red-700 ring-1 ring-red-200"
              title={formatCrossings(crossed)}
            >
              {formatCrossings(crossed)}
            </span>
          ) : null}
          {mark ? (
            <span
              className="rounded px-1 text-[10px] text-white"
              style={{ backgroundColor: mark.color }}
            >
              {data.remoteMarks.map((remote) => remote.name).join(", ")}
            </span>
          ) : null}
        </div>
      </EdgeLabelPortal>
    </>
  );
}

/** The edge types given to React Flow; defined once, outside any component. */
export const EDGE_TYPES = { flow: memo(FlowEdgeView), "stub-link": memo(StubLinkEdgeView) };
