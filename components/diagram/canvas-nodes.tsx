"use client";

import { DiscussionBadge } from "@/components/review/discussion-badge";
import {
  Handle,
  NodeResizer,
  Position,
  useReactFlow,
  type NodeProps,
  type ResizeParams,
} from "@xyflow/react";
import { memo, useRef, type CSSProperties, type PointerEvent, type ReactNode } from "react";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { useCanvasActions } from "./canvas-context";
import type { ElementGeometry, ElementNode, RemoteMark, StubNode } from "./diagram-mapping";
import { getNodeBox } from "./diagram-mapping";
import { InlineNameInput } from "./inline-name-input";
import { ELEMENT_HANDLE_POSITIONS, ELEMENT_HANDLE_SIZE, STUB_HANDLE_SIZE } from "./node-handles";
import {
  getNameLineCount,
  ICON_ROW_HEIGHT,
  NAME_BOTTOM_CLEARANCE,
  NAME_TOP_CLEARANCE,
} from "./node-label";

/*
 * The node components of the canvas, one per way of drawing an element. Memoised: React Flow
 * gives a node new props only when its node object changes, which the canvas avoids for
 * elements that did not change.
 */

const ELEMENT_HANDLE_STYLE: CSSProperties = {
  width: ELEMENT_HANDLE_SIZE,
  height: ELEMENT_HANDLE_SIZE,
};
const STUB_HANDLE_STYLE: CSSProperties = { width: STUB_HANDLE_SIZE, height: STUB_HANDLE_SIZE };

/**
 * Connection points on the four sides; in loose mode any of them can start or end a flow.
 * React Flow knows where they are before it draws them (node-handles.ts).
 */
function ConnectionHandles() {
  const { isReadOnly } = useCanvasActions();
  return (
    <>
      {ELEMENT_HANDLE_POSITIONS.map((position) => (
        <Handle
          key={position}
          id={position}
          type="source"
          position={position}
          isConnectable={!isReadOnly}
          style={ELEMENT_HANDLE_STYLE}
          className={cx("!border-white !bg-indigo-500", isReadOnly && "!hidden")}
        />
      ))}
    </>
  );
}

/**
 * The outlines and name tags of other people who have this element selected; the tag sits
 * above the badge row, clear of it.
 */
function RemoteOutlines({ marks, rounded }: { marks: readonly RemoteMark[]; rounded?: string }) {
  if (marks.length === 0) return null;
  return (
    <>
      {marks.map((mark, index) => (
        <div
          key={mark.clientId}
          aria-hidden="true"
          className={cx("pointer-events-none absolute", rounded)}
          style={{
            inset: -4 - index * 3,
            border: `2px solid ${mark.color}`,
          }}
        />
      ))}
      <span
        className="pointer-events-none absolute bottom-full left-0 mb-3 rounded px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap text-white"
        style={{ backgroundColor: marks[0]?.color }}
      >
        {marks.map((mark) => mark.name).join(", ")}
      </span>
    </>
  );
}

/** The number of unresolved threats on an element, on the right of its badge row; nothing at 0. */
function ThreatCountBadge({ count }: { count: number }) {
  if (count === 0) return null;
  const label = count === 1 ? "1 open threat" : `${count} open threats`;
  return (
    <span
      title={label}
      aria-label={label}
      role="img"
      data-threat-count={count}
      className="pointer-events-none ml-auto flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-semibold text-white shadow ring-2 ring-white"
    >
      {count > 99 ? "99+" : count}
    </span>
  );
}

/**
 * The name of an element, or the field that renames it in place. Wraps onto at most `lines`
 * lines and ends with an ellipsis beyond them; the whole name is its tooltip.
 */
function ElementName({
  data,
  className,
  lines = 3,
}: {
  data: ElementNode["data"];
  className?: string;
  lines?: number;
}) {
  const { commitRename, cancelRename } = useCanvasActions();
  const { element } = data;
  if (data.isEditing) {
    return (
      <InlineNameInput
        label={`Name of ${element.name}`}
        initialValue={element.name}
        onCommit={(name) => commitRename({ type: "element", id: element.id }, name)}
        onCancel={cancelRename}
      />
    );
  }
  return (
    <span
      title={element.name}
      data-node-part="name"
      style={{ WebkitLineClamp: lines }}
      className={cx(
        "block max-h-full max-w-full overflow-hidden text-center text-sm leading-5 break-words [display:-webkit-box] [-webkit-box-orient:vertical]",
        className,
      )}
    >
      {element.name}
    </span>
  );
}

const SELECTED_RING = "ring-2 ring-indigo-500 ring-offset-2";

/**
 * The frame every element kind but trust boundaries shares: its shape (from `shapeClassName`),
 * selection ring, other people's outlines, connection handles, and three parts laid out so that
 * none covers another at any name length or node size: the badge row straddling the top edge
 * (open threads on the left, open threats on the right), the name in the middle, and the
 * sub-diagram button (`bottomAction`) in its own row at the bottom.
 */
function ElementFrame({
  data,
  selected,
  shapeClassName,
  rounded,
  nameClassName,
  bottomAction,
}: {
  data: ElementNode["data"];
  selected: boolean;
  shapeClassName: string;
  /** The outline's rounding, for other people's selection marks. */
  rounded?: string;
  /** Extra room at the sides of the name, e.g. inside an ellipse. */
  nameClassName?: string;
  bottomAction?: ReactNode;
}) {
  const hasBottomAction = bottomAction !== undefined && bottomAction !== null;
  return (
    <div
      className={cx(
        "relative flex size-full flex-col text-slate-900",
        shapeClassName,
        selected && SELECTED_RING,
        data.element.outOfScope && "opacity-60",
      )}
    >
      <RemoteOutlines marks={data.remoteMarks} rounded={rounded} />
      <div className="pointer-events-none absolute -inset-x-2.5 -top-2.5 z-10 flex items-start gap-1">
        <DiscussionBadge
          kind="element"
          id={data.element.id}
          name={data.element.name}
          className="pointer-events-auto shrink-0 shadow ring-2 ring-white"
        />
        <ThreatCountBadge count={data.threatCount} />
      </div>
      <div
        className={cx("flex min-h-0 flex-1 items-center justify-center px-2", nameClassName)}
        style={{
          paddingTop: NAME_TOP_CLEARANCE,
          paddingBottom: hasBottomAction ? 0 : NAME_BOTTOM_CLEARANCE,
        }}
      >
        <ElementName
          data={data}
          className="font-medium"
          lines={getNameLineCount(data.geometry.height, hasBottomAction)}
        />
      </div>
      {hasBottomAction ? (
        <div className="flex shrink-0 justify-center" style={{ height: ICON_ROW_HEIGHT }}>
          {bottomAction}
        </div>
      ) : null}
      <ConnectionHandles />
    </div>
  );
}

function ExternalEntityNodeView({ data, selected }: NodeProps<ElementNode>) {
  return (
    <ElementFrame
      data={data}
      selected={selected}
      shapeClassName="border-2 border-slate-700 bg-white shadow-sm"
    />
  );
}

function ProcessNodeView({ data, selected }: NodeProps<ElementNode>) {
  const { openSubDiagram, canZoomIn } = useCanvasActions();
  return (
    <ElementFrame
      data={data}
      selected={selected}
      shapeClassName="rounded-[50%] border-2 border-indigo-700 bg-indigo-50 shadow-sm"
      rounded="rounded-[50%]"
      // The corners of the box are outside the ellipse.
      nameClassName="px-4"
      bottomAction={
        canZoomIn ? (
          <button
            type="button"
            aria-label={`Open sub-diagram of ${data.element.name}`}
            title="Open sub-diagram"
            onClick={(event) => {
              event.stopPropagation();
              openSubDiagram(data.element.id);
            }}
            onDoubleClick={(event) => event.stopPropagation()}
            className={cx(
              "nodrag flex size-6 shrink-0 items-center justify-center rounded-full border border-indigo-300 bg-white text-indigo-700 shadow-sm hover:bg-indigo-100",
              FOCUS_RING,
            )}
          >
            <ZoomInIcon />
          </button>
        ) : null
      }
    />
  );
}

function ZoomInIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      className="size-3.5"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
    >
      <circle cx="10" cy="10" r="6" />
      <path d="M14.5 14.5 20 20M10 7v6M7 10h6" />
    </svg>
  );
}

function DataStoreNodeView({ data, selected }: NodeProps<ElementNode>) {
  return (
    <ElementFrame
      data={data}
      selected={selected}
      shapeClassName="border-y-2 border-emerald-700 bg-emerald-50/60"
    />
  );
}

/** Lets clicks through a boundary's inside while its handles and outline stay usable. */
const CATCH_POINTER: CSSProperties = { pointerEvents: "auto" };
const BOUNDARY_MIN_SIZE = 40;

function BoundaryBoxNodeView({ id, data, selected }: NodeProps<ElementNode>) {
  const { isReadOnly, previewGeometry, commitGeometry } = useCanvasActions();
  function toGeometry(params: ResizeParams): ElementGeometry {
    return { x: params.x, y: params.y, width: params.width, height: params.height };
  }
  return (
    <div className="relative size-full">
      <NodeResizer
        isVisible={selected && !isReadOnly}
        minWidth={BOUNDARY_MIN_SIZE}
        minHeight={BOUNDARY_MIN_SIZE}
        color="#dc2626"
        handleStyle={CATCH_POINTER}
        lineStyle={CATCH_POINTER}
        onResize={(_event, params) => previewGeometry(id, toGeometry(params))}
        onResizeEnd={(_event, params) => commitGeometry(id, toGeometry(params))}
      />
      <div
        aria-hidden="true"
        className={cx(
          "absolute inset-0 rounded-lg border-2 border-dashed border-red-600/80",
          selected && "bg-red-50/40",
        )}
      />
      {/* The outline catches pointers (select, drag); the inside lets them through. */}
      {(["top", "bottom", "left", "right"] as const).map((side) => (
        <div
          key={side}
          aria-hidden="true"
          style={CATCH_POINTER}
          className={cx(
            "absolute",
            side === "top" && "inset-x-0 -top-1 h-2.5",
            side === "bottom" && "inset-x-0 -bottom-1 h-2.5",
            side === "left" && "inset-y-0 -left-1 w-2.5",
            side === "right" && "inset-y-0 -right-1 w-2.5",
          )}
        />
      ))}
      <div style={CATCH_POINTER} className="absolute top-1 left-2 max-w-[90%]">
        <RemoteOutlines marks={data.remoteMarks} />
        {data.isEditing ? (
          <ElementName data={data} />
        ) : (
          <span className="rounded bg-white/80 px-1.5 text-xs font-semibold text-red-700">
            {data.element.name}
          </span>
        )}
      </div>
    </div>
  );
}

/** A grip at one end of a trust boundary line, dragged to move that end. */
function LineEndGrip({
  point,
  label,
  onMove,
  onDone,
}: {
  point: { x: number; y: number };
  label: string;
  onMove: (flowPoint: { x: number; y: number }) => void;
  onDone: (flowPoint: { x: number; y: number }) => void;
}) {
  const { screenToFlowPosition } = useReactFlow();
  const isDragging = useRef(false);
  function toFlow(event: PointerEvent) {
    return screenToFlowPosition({ x: event.clientX, y: event.clientY });
  }
  return (
    <circle
      role="img"
      aria-label={label}
      cx={point.x}
      cy={point.y}
      r={6}
      className="nodrag nopan cursor-crosshair fill-white stroke-red-600"
      strokeWidth={2}
      style={CATCH_POINTER}
      onPointerDown={(event) => {
        event.stopPropagation();
        event.currentTarget.setPointerCapture(event.pointerId);
        isDragging.current = true;
      }}
      onPointerMove={(event) => {
        if (isDragging.current) onMove(toFlow(event));
      }}
      onPointerUp={(event) => {
        if (!isDragging.current) return;
        isDragging.current = false;
        onDone(toFlow(event));
      }}
    />
  );
}

function BoundaryLineNodeView({ id, data, selected }: NodeProps<ElementNode>) {
  const { isReadOnly, previewGeometry, commitGeometry } = useCanvasActions();
  const { geometry } = data;
  const box = getNodeBox("boundary-line", geometry);
  const start = { x: geometry.x - box.x, y: geometry.y - box.y };
  const end = { x: start.x + geometry.width, y: start.y + geometry.height };
  const endAt = { x: geometry.x + geometry.width, y: geometry.y + geometry.height };
  const moveStart = (point: { x: number; y: number }): ElementGeometry => ({
    x: point.x,
    y: point.y,
    width: endAt.x - point.x,
    height: endAt.y - point.y,
  });
  const moveEnd = (point: { x: number; y: number }): ElementGeometry => ({
    ...geometry,
    width: point.x - geometry.x,
    height: point.y - geometry.y,
  });
  const labelAt = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  return (
    <div className="relative size-full">
      <svg className="absolute inset-0 size-full overflow-visible" aria-hidden={!selected}>
        <line
          x1={start.x}
          y1={start.y}
          x2={end.x}
          y2={end.y}
          stroke="transparent"
          strokeWidth={14}
          style={{ pointerEvents: "stroke" }}
        />
        <line
          x1={start.x}
          y1={start.y}
          x2={end.x}
          y2={end.y}
          className={selected ? "stroke-indigo-600" : "stroke-red-600"}
          strokeWidth={2}
          strokeDasharray="8 6"
        />
        {data.remoteMarks.map((mark, index) => (
          <line
            key={mark.clientId}
            x1={start.x}
            y1={start.y}
            x2={end.x}
            y2={end.y}
            stroke={mark.color}
            strokeOpacity={0.5}
            strokeWidth={6 + index * 3}
          />
        ))}
        {selected && !isReadOnly ? (
          <>
            <LineEndGrip
              point={start}
              label={`Start of ${data.element.name}`}
              onMove={(point) => previewGeometry(id, moveStart(point))}
              onDone={(point) => commitGeometry(id, moveStart(point))}
            />
            <LineEndGrip
              point={end}
              label={`End of ${data.element.name}`}
              onMove={(point) => previewGeometry(id, moveEnd(point))}
              onDone={(point) => commitGeometry(id, moveEnd(point))}
            />
          </>
        ) : null}
      </svg>
      <div
        style={{ ...CATCH_POINTER, left: labelAt.x, top: labelAt.y }}
        className="absolute -translate-x-1/2 -translate-y-[130%]"
      >
        {data.isEditing ? (
          <ElementName data={data} />
        ) : (
          <span className="rounded bg-white/80 px-1.5 text-xs font-semibold whitespace-nowrap text-red-700">
            {data.element.name}
          </span>
        )}
      </div>
    </div>
  );
}

/**
 * A flow of the parent diagram entering or leaving this one, dashed. Its handle, on the side
 * facing the drawing, joins it to the inner elements that carry the flow.
 */
function StubNodeView({ data }: NodeProps<StubNode>) {
  const { isReadOnly } = useCanvasActions();
  const { stub } = data;
  const isIncoming = stub.direction === "in";
  const arrow: ReactNode = (
    <svg className="h-3 w-full overflow-visible" aria-hidden="true" preserveAspectRatio="none">
      <line
        x1="0"
        y1="6"
        x2="100%"
        y2="6"
        className="stroke-slate-500"
        strokeWidth={2}
        strokeDasharray="6 4"
      />
    </svg>
  );
  return (
    <div
      className={cx(
        "relative flex size-full flex-col justify-center gap-0.5 text-xs text-slate-600",
        isIncoming ? "items-start" : "items-end",
      )}
      title={isIncoming ? "Enters from the parent diagram" : "Leaves to the parent diagram"}
    >
      <span className="font-semibold text-slate-800">
        {isIncoming ? `${stub.outsideElementName} →` : `→ ${stub.outsideElementName}`}
        {stub.bidirectional ? " (both ways)" : ""}
      </span>
      {arrow}
      <span className="italic">{stub.name || "Unnamed flow"}</span>
      <Handle
        id="stub"
        type="source"
        position={isIncoming ? Position.Right : Position.Left}
        isConnectable={!isReadOnly}
        title={`Drag to the element that carries ${stub.name || "this flow"}`}
        style={STUB_HANDLE_STYLE}
        className={cx("!border-white !bg-slate-500", isReadOnly && "!hidden")}
      />
    </div>
  );
}

/** The node types given to React Flow; defined once, outside any component. */
export const NODE_TYPES = {
  "external-entity": memo(ExternalEntityNodeView),
  process: memo(ProcessNodeView),
  "data-store": memo(DataStoreNodeView),
  "boundary-box": memo(BoundaryBoxNodeView),
  "boundary-line": memo(BoundaryLineNodeView),
  stub: memo(StubNodeView),
};
