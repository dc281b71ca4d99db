"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { getDiagramPath } from "@/lib/diagram/hierarchy";
import { openSubDiagram } from "@/lib/model/diagrams";
import { getModelErrorMessage } from "@/components/threats/model-error-message";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { CanvasActionsContext, type CanvasActions, type RenameTarget } from "./canvas-context";
import { CanvasGraphBuilder } from "./canvas-graph";
import { writeFromCanvas } from "./canvas-history";
import { NODE_TYPES } from "./canvas-nodes";
import { copySelection, pasteClipboard, PASTE_OFFSET, type CanvasClipboard } from "./clipboard";
import {
  addPaletteItem,
  applyDeletion,
  connectElements,
  planDeletion,
  renameTarget,
  storeGeometries,
  type DeletionPlan,
  type PaletteItem,
} from "./diagram-commands";
import {
  getElementGeometry,
  getNodeType,
  isStubId,
  moveGeometry,
  type CanvasNode,
  type ElementGeometry,
  type FlowEdge,
} from "./diagram-mapping";
import { DiagramBreadcrumbs } from "./diagram-breadcrumbs";
import { DiagramToolbar } from "./diagram-toolbar";
import { EDGE_TYPES } from "./flow-edge";
import { getCanvasCommand, type CanvasCommand } from "./keyboard-shortcuts";
import { collectRemoteDrags, indexRemoteSelections } from "./live-canvas";
import { PALETTE_DRAG_TYPE, parsePaletteItem } from "./palette-drag";
import { RemoteCursors } from "./remote-cursors";
import { useCanvasHistory } from "./use-canvas-history";
import { useDiagramRecords, type NamedDiagram } from "./use-diagram-records";
import { useLiveCanvas } from "./use-live-canvas";

export interface DiagramEditorProps {
  doc: Y.Doc;
  awareness: Awareness | null;
  diagram: NamedDiagram;
  diagrams: readonly NamedDiagram[];
  isReadOnly: boolean;
  undoManager: Y.UndoManager;
  onOpenDiagram: (diagramId: string) => void;
  /** The right-hand panel: properties of the selection. */
  renderSidePanel?: (context: EditorSlotContext) => ReactNode;
  /** The panel under the canvas: issues found in the diagram. */
  renderIssuesPanel?: (context: EditorSlotContext) => ReactNode;
  /** Extra toolbar content (export). */
  renderToolbarExtras?: (context: EditorSlotContext) => ReactNode;
  /** Unresolved threats per element or flow id, drawn as badges. */
  threatCounts?: ReadonlyMap<string, number>;
  /** An element or flow to select and show once the canvas is drawn (e.g. from a threat). */
  initialSelectedId?: string | null;
  /** Positions from an automatic layout; the Auto layout button is disabled without it. */
  computeLayout?: (doc: Y.Doc, diagramId: string) => Promise<ReadonlyMap<string, LayoutTarget>>;
}

/** Where an automatic layout puts an element; a boundary may also get a new size. */
export interface LayoutTarget {
  x: number;
  y: number;
  width?: number;
  height?: number;
}

/** What the editor's panels get: the selection, and a way to select and show a target. */
export interface EditorSlotContext {
  selection: { elementIds: string[]; flowIds: string[] };
  selectTarget: (target: { type: "element" | "flow"; id: string }) => void;
}

/** The DFD editor of one diagram: toolbar, breadcrumbs, live canvas and side panels. */
export function DiagramEditor(props: DiagramEditorProps) {
  return (
    <ReactFlowProvider>
      <DiagramEditorBody {...props} />
    </ReactFlowProvider>
  );
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.2 };
const NO_GEOMETRIES: ReadonlyMap<string, ElementGeometry> = new Map();

function DiagramEditorBody({
  doc,
  awareness,
  diagram,
  diagrams,
  isReadOnly,
  undoManager,
  onOpenDiagram,
  renderSidePanel,
  renderIssuesPanel,
  renderToolbarExtras,
  computeLayout,
  threatCounts,
  initialSelectedId = null,
}: DiagramEditorProps) {
  const { notify } = useToast();
  const flow = useReactFlow<CanvasNode, FlowEdge>();
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const records = useDiagramRecords(doc, diagram.id);
  const history = useCanvasHistory(undoManager);
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(() => new Set());
  const [editing, setEditing] = useState<RenameTarget | null>(null);
  const [localDrags, setLocalDrags] = useState<ReadonlyMap<string, ElementGeometry>>(NO_GEOMETRIES);
  // Read by change handlers that may run twice before a render (a resize moves, then sizes).
  const localDragsRef = useRef(localDrags);
  const updateLocalDrags = useCallback(
    (change: (current: Map<string, ElementGeometry>) => void) => {
      const next = new Map(localDragsRef.current);
      change(next);
      localDragsRef.current = next;
      setLocalDrags(next);
    },
    [],
  );
  const [pendingDeletion, setPendingDeletion] = useState<DeletionPlan | null>(null);
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const [isLayingOut, setIsLayingOut] = useState(false);
  const [isCanvasReady, setIsCanvasReady] = useState(false);
  const clipboard = useRef<CanvasClipboard | null>(null);
  const pasteCount = useRef(0);
  const addCount = useRef(0);
  const { peers, publisher } = useLiveCanvas(awareness, diagram.id);

  const elementsById = useMemo(
    () => new Map(records.elements.map((element) => [element.id, element])),
    [records.elements],
  );
  const flowIds = useMemo(() => new Set(records.flows.map((item) => item.id)), [records.flows]);
  const remoteSelections = useMemo(() => indexRemoteSelections(peers), [peers]);
  const liveGeometries = useMemo(() => {
    const remote = collectRemoteDrags(peers);
    if (remote.size === 0) return localDrags;
    for (const [id, geometry] of localDrags) remote.set(id, geometry);
    return remote;
  }, [peers, localDrags]);

  const [builder] = useState(() => new CanvasGraphBuilder());
  const graph = useMemo(
    () =>
      builder.build({
        records,
        selectedIds,
        editing,
        liveGeometries,
        remoteSelections,
        isReadOnly,
        threatCounts,
      }),
    [
      builder,
      records,
      selectedIds,
      editing,
      liveGeometries,
      remoteSelections,
      isReadOnly,
      threatCounts,
    ],
  );

  const selection = useMemo(
    () => ({
      elementIds: [...selectedIds].filter((id) => elementsById.has(id)),
      flowIds: [...selectedIds].filter((id) => flowIds.has(id)),
    }),
    [selectedIds, elementsById, flowIds],
  );

  useEffect(() => publisher.setSelection(selectedIds), [publisher, selectedIds]);
  useEffect(
    () => publisher.setDragging(localDrags.size > 0 ? localDrags : null),
    [publisher, localDrags],
  );

  // Writes are refused, not just hidden, once the connection closes or the role is read-only.
  const write = useCallback(
    <T,>(change: () => T, failure: string): T | null => {
      if (isReadOnly) return null;
      try {
        return writeFromCanvas(doc, change);
      } catch (caught) {
        notify({ tone: "danger", message: getModelErrorMessage(caught, failure) });
        return null;
      }
    },
    [doc, isReadOnly, notify],
  );

  function getViewportCenter(): { x: number; y: number } {
    const rect = canvasRef.current?.getBoundingClientRect();
    if (!rect) return { x: 0, y: 0 };
    const center = flow.screenToFlowPosition({
      x: rect.left + rect.width / 2,
      y: rect.top + rect.height / 2,
    });
    // Several additions in a row fan out instead of stacking exactly.
    const step = (addCount.current % 6) * 28;
    addCount.current += 1;
    return { x: center.x + step, y: center.y + step };
  }

  function addItem(item: PaletteItem, center = getViewportCenter()) {
    const id = write(
      () => addPaletteItem(doc, item, diagram.id, center),
      "The element could not be added.",
    );
    if (id === null) return;
    setSelectedIds(new Set([id]));
    focusNodeWhenDrawn(id);
  }

  /** Moves keyboard focus to a node once React Flow has drawn it (Enter then renames it). */
  function focusNodeWhenDrawn(id: string, attemptsLeft = 10) {
    window.requestAnimationFrame(() => {
      const node = canvasRef.current?.querySelector<HTMLElement>(
        `.react-flow__node[data-id="${CSS.escape(id)}"]`,
      );
      if (node) node.focus({ preventScroll: true });
      else if (attemptsLeft > 0) focusNodeWhenDrawn(id, attemptsLeft - 1);
    });
  }

  const commitGeometries = useCallback(
    (geometries: ReadonlyMap<string, ElementGeometry>) => {
      if (geometries.size === 0) return;
      write(() => storeGeometries(doc, geometries), "The new position could not be saved.");
    },
    [doc, write],
  );

  function handleNodesChange(changes: NodeChange<CanvasNode>[]) {
    const selectionChanges: { id: string; selected: boolean }[] = [];
    let nextDrags: Map<string, ElementGeometry> | null = null;
    let isDragsChanged = false;
    const commits = new Map<string, ElementGeometry>();
    for (const change of changes) {
      if (change.type === "select") {
        if (!isStubId(change.id)) selectionChanges.push(change);
        continue;
      }
      if (isReadOnly) continue;
      const element = elementsById.get(change.type === "add" ? change.item.id : change.id);
      if (!element) continue;
      nextDrags ??= new Map(localDragsRef.current);
      const current = nextDrags.get(element.id) ?? getElementGeometry(element);
      if (change.type === "position" && change.position) {
        const geometry = moveGeometry(getNodeType(element), current, change.position);
        if (change.dragging === false) {
          commits.set(element.id, geometry);
          nextDrags.delete(element.id);
        } else {
          nextDrags.set(element.id, geometry);
        }
        isDragsChanged = true;
      } else if (change.type === "dimensions" && change.resizing && change.dimensions) {
        nextDrags.set(element.id, { ...current, ...change.dimensions });
        isDragsChanged = true;
      }
    }
    applySelectionChanges(selectionChanges);
    if (nextDrags && isDragsChanged) {
      const next = nextDrags;
      updateLocalDrags((current) => {
        current.clear();
        for (const [id, geometry] of next) current.set(id, geometry);
      });
    }
    commitGeometries(commits);
  }

  /**
   * Applies React Flow's select changes. Nodes and edges report theirs in two calls during one
   * click, so each applies to the latest selection, not to the one this render saw.
   */
  function applySelectionChanges(changes: readonly { id: string; selected: boolean }[]) {
    if (changes.length === 0) return;
    setSelectedIds((current) => {
      const next = new Set(current);
      for (const change of changes) {
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next;
    });
  }

  function handleEdgesChange(changes: EdgeChange<FlowEdge>[]) {
    applySelectionChanges(changes.filter((change) => change.type === "select"));
  }

  function canConnect(connection: { source: string; target: string }): boolean {
    const source = elementsById.get(connection.source);
    const target = elementsById.get(connection.target);
    return (
      source !== undefined &&
      target !== undefined &&
      source.id !== target.id &&
      source.kind !== "trust-boundary" &&
      target.kind !== "trust-boundary"
    );
  }

  function handleConnect(connection: Connection) {
    if (!canConnect(connection)) {
      notify({
        tone: "info",
        message: "A data flow joins two elements; trust boundaries cannot be its ends.",
      });
      return;
    }
    const id = write(
      () => connectElements(doc, connection.source, connection.target),
      "The data flow could not be added.",
    );
    if (id) setSelectedIds(new Set([id]));
  }

  /**
   * Renames in place: the element or flow that has keyboard focus when Enter was pressed on it,
   * else the one selected.
   */
  function startRename(focused: RenameTarget | null) {
    if (isReadOnly) return;
    if (focused) {
      setEditing(focused);
      return;
    }
    const [only, ...rest] = [...selection.elementIds, ...selection.flowIds];
    if (only === undefined || rest.length > 0) return;
    setEditing({ type: elementsById.has(only) ? "element" : "flow", id: only });
  }

  function requestDeletion() {
    if (isReadOnly) return;
    if (selection.elementIds.length === 0 && selection.flowIds.length === 0) return;
    const plan = planDeletion(doc, diagram.id, selection.elementIds, selection.flowIds);
    if (plan.affectedThreatCount > 0) setPendingDeletion(plan);
    else deleteNow(plan);
  }

  function deleteNow(plan: DeletionPlan) {
    write(() => applyDeletion(doc, plan), "The selection could not be deleted.");
    setSelectedIds(new Set());
  }

  function copy() {
    if (selection.elementIds.length === 0) return false;
    clipboard.current = copySelection(
      records.elements,
      records.flows,
      new Set(selection.elementIds),
    );
    pasteCount.current = 0;
    return true;
  }

  function paste() {
    const copied = clipboard.current;
    if (!copied || copied.elements.length === 0) return;
    pasteCount.current += 1;
    const offset = PASTE_OFFSET * pasteCount.current;
    const pasted = write(
      () => pasteClipboard(doc, copied, diagram.id, offset),
      "The copied elements could not be pasted.",
    );
    if (pasted) setSelectedIds(new Set([...pasted.elementIds, ...pasted.flowIds]));
  }

  function selectAll() {
    setSelectedIds(new Set([...elementsById.keys(), ...flowIds]));
  }

  const handleOpenSubDiagram = useCallback(
    (processId: string) => {
      const existing = diagrams.find((item) => item.parentElementId === processId);
      if (existing) {
        onOpenDiagram(existing.id);
        return;
      }
      if (isReadOnly) {
        notify({ tone: "info", message: "This process has no sub-diagram yet." });
        return;
      }
      const id = write(
        () => openSubDiagram(doc, processId),
        "The sub-diagram could not be opened.",
      );
      if (id) onOpenDiagram(id);
    },
    [diagrams, doc, isReadOnly, notify, onOpenDiagram, write],
  );

  const selectedProcessId = useMemo(() => {
    const [only, ...rest] = selection.elementIds;
    if (only === undefined || rest.length > 0) return null;
    return elementsById.get(only)?.kind === "process" ? only : null;
  }, [selection.elementIds, elementsById]);

  const selectTarget = useCallback(
    (target: { type: "element" | "flow"; id: string }) => {
      setSelectedIds(new Set([target.id]));
      const nodeIds =
        target.type === "element"
          ? [target.id]
          : (() => {
              const found = records.flows.find((item) => item.id === target.id);
              return found ? [found.sourceId, found.targetId] : [];
            })();
      if (nodeIds.length > 0) {
        void flow.fitView({
          nodes: nodeIds.map((id) => ({ id })),
          padding: 0.6,
          maxZoom: 1.2,
          duration: 300,
        });
      }
    },
    [flow, records.flows],
  );

  // Shows the element or flow the page was opened for, once React Flow has measured the nodes.
  const shownTargetId = useRef<string | null>(null);
  useEffect(() => {
    if (!isCanvasReady || initialSelectedId === null) return;
    if (shownTargetId.current === initialSelectedId) return;
    const type = elementsById.has(initialSelectedId)
      ? "element"
      : flowIds.has(initialSelectedId)
        ? "flow"
        : null;
    if (type === null) return;
    shownTargetId.current = initialSelectedId;
    selectTarget({ type, id: initialSelectedId });
  }, [isCanvasReady, initialSelectedId, elementsById, flowIds, selectTarget]);

  async function autoLayout() {
    if (!computeLayout || isReadOnly) return;
    setIsLayingOut(true);
    try {
      const positions = await computeLayout(doc, diagram.id);
      const geometries = new Map<string, ElementGeometry>();
      for (const [id, position] of positions) {
        const element = elementsById.get(id);
        if (!element) continue;
        const current = getElementGeometry(element);
        geometries.set(id, {
          x: position.x,
          y: position.y,
          width: position.width ?? current.width,
          height: position.height ?? current.height,
        });
      }
      commitGeometries(geometries);
      window.requestAnimationFrame(() => void flow.fitView(FIT_VIEW_OPTIONS));
    } catch (caught) {
      notify({
        tone: "danger",
        message: getModelErrorMessage(caught, "The layout could not be computed."),
      });
    } finally {
      setIsLayingOut(false);
    }
  }

  function getFocusedTarget(target: EventTarget | null): RenameTarget | null {
    if (!(target instanceof Element)) return null;
    const item = target.closest<HTMLElement>(".react-flow__node, .react-flow__edge");
    const id = item?.dataset.id;
    if (!id) return null;
    if (elementsById.has(id)) return { type: "element", id };
    return flowIds.has(id) ? { type: "flow", id } : null;
  }

  function runCommand(command: CanvasCommand, event: KeyboardEvent): boolean {
    switch (command.type) {
      case "add":
        if (isReadOnly) return false;
        addItem(command.item);
        return true;
      case "rename": {
        const focused = event.key === "Enter" ? getFocusedTarget(event.target) : null;
        if (isReadOnly || (focused === null && selectedIds.size !== 1)) return false;
        startRename(focused);
        return true;
      }
      case "delete":
        if (isReadOnly || selectedIds.size === 0) return false;
        requestDeletion();
        return true;
      case "copy":
        return copy();
      case "paste":
        if (isReadOnly) return false;
        paste();
        return true;
      case "duplicate":
        if (isReadOnly || !copy()) return false;
        paste();
        return true;
      case "undo":
        if (isReadOnly) return false;
        history.undo();
        return true;
      case "redo":
        if (isReadOnly) return false;
        history.redo();
        return true;
      case "select-all":
        selectAll();
        return true;
      case "fit-view":
        void flow.fitView(FIT_VIEW_OPTIONS);
        return true;
      case "open-sub-diagram":
        if (selectedProcessId === null) return false;
        handleOpenSubDiagram(selectedProcessId);
        return true;
      case "help":
        setIsHelpOpen((isOpen) => !isOpen);
        return true;
    }
  }

  const runCommandRef = useRef(runCommand);
  useEffect(() => {
    runCommandRef.current = runCommand;
  });

  useEffect(() => {
    function handleKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || isTextEntry(event.target)) return;
      // Enter on a button or link activates it; it is not a rename.
      if (event.key === "Enter" && event.target instanceof Element) {
        if (event.target.closest("button, a[href], summary")) return;
      }
      const root = rootRef.current;
      const target = event.target;
      const isOnPage = target === document.body || target === document.documentElement;
      if (!root || !(isOnPage || (target instanceof Node && root.contains(target)))) return;
      if (target instanceof Element && target.closest("[role=dialog]")) return;
      const command = getCanvasCommand(event);
      if (command && runCommandRef.current(command, event)) event.preventDefault();
    }
    window.addEventListener("keydown", handleKeyDown);
    return () => window.removeEventListener("keydown", handleKeyDown);
  }, []);

  const actions = useMemo<CanvasActions>(
    () => ({
      isReadOnly,
      canZoomIn: diagram.layer < 3,
      commitRename(target, name) {
        setEditing(null);
        write(() => renameTarget(doc, target, name), "The name could not be changed.");
      },
      cancelRename: () => setEditing(null),
      openSubDiagram: handleOpenSubDiagram,
      previewGeometry(id, geometry) {
        if (isReadOnly) return;
        updateLocalDrags((current) => current.set(id, geometry));
      },
      commitGeometry(id, geometry) {
        updateLocalDrags((current) => current.delete(id));
        commitGeometries(new Map([[id, geometry]]));
      },
    }),
    [
      isReadOnly,
      diagram.layer,
      doc,
      write,
      handleOpenSubDiagram,
      commitGeometries,
      updateLocalDrags,
    ],
  );

  // A few diagrams at most: read on each render, so renamed or re-parented ones show at once.
  const path = getDiagramPath(doc, diagram.id);

  const slotContext: EditorSlotContext = { selection, selectTarget };

  return (
    <div ref={rootRef} className="flex flex-col gap-3">
      <DiagramBreadcrumbs
        path={path}
        diagrams={diagrams}
        current={diagram}
        onOpenDiagram={onOpenDiagram}
      />
      <DiagramToolbar
        isReadOnly={isReadOnly}
        canUndo={history.canUndo}
        canRedo={history.canRedo}
        hasSelection={selectedIds.size > 0}
        canOpenSubDiagram={selectedProcessId !== null && diagram.layer < 3}
        isHelpOpen={isHelpOpen}
        isLayingOut={isLayingOut}
        canLayout={computeLayout !== undefined && records.elements.length > 0}
        onAdd={(item) => addItem(item)}
        onUndo={history.undo}
        onRedo={history.redo}
        onDelete={requestDeletion}
        onOpenSubDiagram={() => {
          if (selectedProcessId) handleOpenSubDiagram(selectedProcessId);
        }}
        onFitView={() => void flow.fitView(FIT_VIEW_OPTIONS)}
        onAutoLayout={() => void autoLayout()}
        onToggleHelp={setIsHelpOpen}
        extras={renderToolbarExtras?.(slotContext)}
      />
      <div className="flex flex-col gap-3 lg:flex-row">
        <div className="min-w-0 flex-1">
          <div
            ref={canvasRef}
            role="region"
            aria-label="Diagram canvas"
            data-testid="diagram-canvas"
            data-ready={isCanvasReady}
            className="relative h-[65vh] min-h-[420px] overflow-hidden rounded-lg border border-slate-200 bg-white"
            onPointerMove={(event) =>
              publisher.setCursor(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }))
            }
            onPointerLeave={() => publisher.setCursor(null)}
            onDragOver={(event) => {
              if (isReadOnly || !event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = "copy";
            }}
            onDrop={(event) => {
              const item = parsePaletteItem(event.dataTransfer.getData(PALETTE_DRAG_TYPE));
              if (item === null || isReadOnly) return;
              event.preventDefault();
              addItem(item, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
            }}
          >
            <CanvasActionsContext.Provider value={actions}>
              <ReactFlow<CanvasNode, FlowEdge>
                nodes={graph.nodes}
                edges={graph.edges}
                nodeTypes={NODE_TYPES}
                edgeTypes={EDGE_TYPES}
                onNodesChange={handleNodesChange}
                onEdgesChange={handleEdgesChange}
                onConnect={handleConnect}
                isValidConnection={(connection) => canConnect(connection)}
                onNodeDoubleClick={(_event, node) => {
                  if (!isReadOnly && !isStubId(node.id))
                    setEditing({ type: "element", id: node.id });
                }}
                onEdgeDoubleClick={(_event, edge) => {
                  if (!isReadOnly) setEditing({ type: "flow", id: edge.id });
                }}
                connectionMode={ConnectionMode.Loose}
                connectionRadius={36}
                nodesDraggable={!isReadOnly}
                nodesConnectable={!isReadOnly}
                elevateNodesOnSelect={false}
                deleteKeyCode={null}
                selectionKeyCode="Shift"
                multiSelectionKeyCode={["Shift", "Meta", "Control"]}
                zoomOnDoubleClick={false}
                onlyRenderVisibleElements
                minZoom={0.1}
                maxZoom={2.5}
                fitView
                fitViewOptions={FIT_VIEW_OPTIONS}
                onInit={() => setIsCanvasReady(true)}
                proOptions={{ hideAttribution: true }}
                ariaLabelConfig={{ "controls.ariaLabel": "Zoom controls" }}
              >
                <Background gap={24} />
                <Controls showInteractive={false} />
                <MiniMap pannable zoomable ariaLabel="Diagram overview" />
                <RemoteCursors peers={peers} />
              </ReactFlow>
            </CanvasActionsContext.Provider>
            {records.elements.length === 0 && records.stubs.length === 0 ? (
              <p className="pointer-events-none absolute inset-x-0 top-1/3 text-center text-sm text-slate-500">
                {isReadOnly
                  ? "This diagram is empty."
                  : "Add elements from the toolbar, drag them onto the canvas, or press E, P, D, B or L."}
              </p>
            ) : null}
          </div>
          {renderIssuesPanel ? <div className="mt-3">{renderIssuesPanel(slotContext)}</div> : null}
        </div>
        {renderSidePanel ? (
          <aside aria-label="Selection properties" className="w-full shrink-0 lg:w-80">
            {renderSidePanel(slotContext)}
          </aside>
        ) : null}
      </div>

      {pendingDeletion ? (
        <ConfirmDialog
          title="Delete with threats?"
          description={`${describeDeletion(pendingDeletion)} ${
            pendingDeletion.affectedThreatCount === 1
              ? "1 threat targets them and will lose its target."
              : `${pendingDeletion.affectedThreatCount} threats target them and will lose their target.`
          }`}
          confirmLabel="Delete"
          isDanger
          onConfirm={() => deleteNow(pendingDeletion)}
          onClose={() => setPendingDeletion(null)}
        />
      ) : null}
    </div>
  );
}

function describeDeletion(plan: DeletionPlan): string {
  const parts: string[] = [];
  const elements = plan.elementIds.length;
  const flows = plan.flowIds.length;
  if (elements > 0) parts.push(elements === 1 ? "1 element" : `${elements} elements`);
  if (flows > 0) parts.push(flows === 1 ? "1 data flow" : `${flows} data flows`);
  return `This deletes ${parts.join(" and ")}.`;
}
