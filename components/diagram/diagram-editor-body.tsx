"use client";

import { useReactFlow, type EdgeChange } from "@xyflow/react";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { getDiagramPath } from "@/lib/diagram/hierarchy";
import { DeletionDialog } from "./deletion-dialog";
import { DiagramBreadcrumbs } from "./diagram-breadcrumbs";
import { DiagramCanvas } from "./diagram-canvas";
import {
  FIT_VIEW_OPTIONS,
  type DiagramEditorProps,
  type EditorSlotContext,
} from "./diagram-editor-types";
import type { CanvasEdge, CanvasNode, FlowEdge } from "./diagram-mapping";
import { DiagramToolbar } from "./diagram-toolbar";
import { getFocusedTarget } from "./keyboard-target";
import { runCanvasCommand } from "./run-canvas-command";
import { useAddElement } from "./use-add-element";
import { useAutoLayout } from "./use-auto-layout";
import { useCanvasActions } from "./use-canvas-actions";
import { useCanvasClipboard } from "./use-canvas-clipboard";
import { useCanvasGraph } from "./use-canvas-graph";
import { useCanvasHistory } from "./use-canvas-history";
import { useCanvasSelection } from "./use-canvas-selection";
import { useCanvasWrite } from "./use-canvas-write";
import { useDeletion } from "./use-deletion";
import { useDiagramRecords } from "./use-diagram-records";
import { useFillWindowHeight } from "./use-fill-window-height";
import { useFlowConnection } from "./use-flow-connection";
import { useGivenNodeSizes } from "./use-given-node-sizes";
import { useMediaQuery } from "./use-media-query";
import { useInPlaceRename } from "./use-in-place-rename";
import { useKeyboardCommands } from "./use-keyboard-commands";
import { useLiveCanvas } from "./use-live-canvas";
import { useLocalDrags } from "./use-local-drags";
import { useOpenSubDiagram } from "./use-open-sub-diagram";
import { usePublishCanvasState } from "./use-publish-canvas-state";
import { useRecordIndex } from "./use-record-index";
import { useSelectTarget } from "./use-select-target";

/** The editor inside its React Flow provider: puts the canvas's hooks together and lays out. */
export function DiagramEditorBody({
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
  highlights,
  initialSelectedId = null,
}: DiagramEditorProps) {
  const flow = useReactFlow<CanvasNode, FlowEdge>();
  useGivenNodeSizes();
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const records = useDiagramRecords(doc, diagram.id);
  const history = useCanvasHistory(undoManager);
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  // The canvas and the docked panel fill what the window leaves below the toolbar.
  const workAreaRef = useRef<HTMLDivElement>(null);
  const canvasHeight = useFillWindowHeight(workAreaRef);
  const isWide = useMediaQuery("(min-width: 1024px)");
  const [isPanelOpen, setIsPanelOpen] = useState(true);
  const panelId = useId();
  const { peers, publisher } = useLiveCanvas(awareness, diagram.id);
  const write = useCanvasWrite(doc, isReadOnly);

  const { elementsById, flowIds } = useRecordIndex(records);

  const { selectedIds, setSelectedIds, selection, selectedProcessId, ...selecting } =
    useCanvasSelection(elementsById, flowIds);
  const { editing, setEditing, startRename } = useInPlaceRename({
    isReadOnly,
    selection,
    elementsById,
  });
  const drags = useLocalDrags({
    doc,
    isReadOnly,
    elementsById,
    write,
    applySelectionChanges: selecting.applySelectionChanges,
  });
  const graph = useCanvasGraph({
    records,
    selectedIds,
    editing,
    localDrags: drags.localDrags,
    peers,
    isReadOnly,
    threatCounts,
    highlights,
  });

  usePublishCanvasState(publisher, selectedIds, drags.localDrags);

  const writing = { doc, diagramId: diagram.id, isReadOnly, write, setSelectedIds };
  const addItem = useAddElement({ ...writing, canvasRef });
  const connection = useFlowConnection({ ...writing, elementsById });
  const deletion = useDeletion({ ...writing, selection, selectedIds });
  const clipboard = useCanvasClipboard({ ...writing, records, selection });
  const openSubDiagram = useOpenSubDiagram({ doc, diagrams, isReadOnly, write, onOpenDiagram });
  const { selectTarget, handleCanvasReady } = useSelectTarget({
    flows: records.flows,
    elementsById,
    flowIds,
    initialSelectedId,
    setSelectedIds,
  });
  const layout = useAutoLayout({
    ...writing,
    elementsById,
    computeLayout,
    commitGeometries: drags.commitGeometries,
  });

  useKeyboardCommands(rootRef, (command, event) =>
    runCanvasCommand(command, event, {
      isReadOnly,
      selectedCount: selectedIds.size,
      selectedProcessId,
      getFocusedTarget: (target) => getFocusedTarget(target, elementsById, flowIds),
      addItem: (item) => addItem(item),
      startRename,
      requestDeletion: deletion.requestDeletion,
      copy: clipboard.copy,
      paste: clipboard.paste,
      undo: history.undo,
      redo: history.redo,
      selectAll: selecting.selectAll,
      fitView: () => void flow.fitView(FIT_VIEW_OPTIONS),
      openSubDiagram,
      toggleHelp: () => setIsHelpOpen((isOpen) => !isOpen),
    }),
  );

  const actions = useCanvasActions({
    doc,
    isReadOnly,
    layer: diagram.layer,
    write,
    openSubDiagram,
    setEditing,
    updateLocalDrags: drags.updateLocalDrags,
    commitGeometries: drags.commitGeometries,
  });

  // A few diagrams at most: read on each render, so renamed or re-parented ones show at once.
  const path = getDiagramPath(doc, diagram.id);

  const slotContext: EditorSlotContext = { selection, selectTarget, records };
  const { pendingDeletion } = deletion;

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
        isLayingOut={layout.isLayingOut}
        canLayout={computeLayout !== undefined && records.elements.length > 0}
        onAdd={(item) => addItem(item)}
        onUndo={history.undo}
        onRedo={history.redo}
        onDelete={deletion.requestDeletion}
        onOpenSubDiagram={() => {
          if (selectedProcessId) openSubDiagram(selectedProcessId);
        }}
        onFitView={() => void flow.fitView(FIT_VIEW_OPTIONS)}
        onAutoLayout={() => void layout.autoLayout()}
        onToggleHelp={setIsHelpOpen}
        extras={renderToolbarExtras?.(slotContext)}
      />
      <div ref={workAreaRef} className="flex flex-col gap-3 lg:flex-row">
        <div className="relative min-w-0 flex-1">
          {renderSidePanel && !isPanelOpen ? (
            <Button
              variant="secondary"
              size="sm"
              className="absolute top-2 right-2 z-10"
              aria-expanded={false}
              aria-controls={panelId}
              onClick={() => setIsPanelOpen(true)}
            >
              Show panel
            </Button>
          ) : null}
          <DiagramCanvas
            height={canvasHeight}
            canvasRef={canvasRef}
            graph={graph}
            actions={actions}
            peers={peers}
            publisher={publisher}
            isReadOnly={isReadOnly}
            isEmpty={records.elements.length === 0 && records.stubs.length === 0}
            onReady={handleCanvasReady}
            onNodesChange={drags.handleNodesChange}
            onEdgesChange={(changes: EdgeChange<CanvasEdge>[]) =>
              selecting.applySelectionChanges(changes.filter((change) => change.type === "select"))
            }
            onConnect={connection.handleConnect}
            canConnect={connection.canConnect}
            onStartRename={setEditing}
            onDropItem={addItem}
          />
        </div>
        {renderSidePanel && isPanelOpen ? (
          <aside
            id={panelId}
            aria-label="Selection properties"
            className="w-full shrink-0 lg:w-80 lg:overflow-y-auto lg:pr-1"
            style={isWide ? { maxHeight: canvasHeight } : undefined}
          >
            <div className="mb-2 hidden justify-end lg:flex">
              <Button
                variant="ghost"
                size="sm"
                aria-expanded={true}
                aria-controls={panelId}
                onClick={() => setIsPanelOpen(false)}
              >
                Hide panel
              </Button>
            </div>
            {renderSidePanel(slotContext)}
            {renderIssuesPanel ? (
              <div className="mt-4 border-t border-slate-200 pt-4">
                {renderIssuesPanel(slotContext)}
              </div>
            ) : null}
          </aside>
        ) : null}
      </div>

      {pendingDeletion ? (
        <DeletionDialog
          plan={pendingDeletion}
          onConfirm={() => deletion.deleteNow(pendingDeletion)}
          onClose={deletion.cancelDeletion}
        />
      ) : null}
    </div>
  );
}
