"use client";

import { useDocumentTitle } from "@/components/workspace/use-document-title";
import { useEffect, useId, useMemo, useState, type ReactNode } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { addDiagram, listDiagrams } from "@/lib/model/diagrams";
import { INITIAL_DIAGRAM_TITLE } from "@/lib/model/document";
import type { LayoutTarget } from "./diagram-editor-types";
import { countUnresolvedThreatsByTarget } from "@/lib/model/threat-targets";
import { useThreats } from "@/components/threats/use-threats";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { DiffHighlight } from "./canvas-graph";
import { createCanvasUndoManager } from "./canvas-history";
import { DiagramEditor } from "./diagram-editor";
import { ExportMenu } from "./export-menu";
import { DiagramProperties } from "./properties/diagram-properties";
import { SelectionThreats } from "./selection-threats";
import { ValidationPanel } from "./validation-panel";
import { chooseDiagram } from "./diagram-url";
import { useDiagramParam } from "./use-diagram-param";
import { useDiagrams } from "./use-diagram-records";
import { PART_LOADERS } from "@/components/app/part-loaders";

export interface DiagramTabProps {
  doc: Y.Doc | null;
  awareness: Awareness | null;
  hasSynced: boolean;
  isReadOnly: boolean;
  /** The signed-in user: recorded as the author of generated threats. */
  authorId: string;
  /** An element or flow to select once the diagram is drawn (from a threat's link). */
  selectedTargetId: string | null;
  /** Opens the threat list filtered to one element's or flow's threats. */
  onShowInThreatList: (targetId: string) => void;
  /** Changes to mark on the drawing (comparing versions), per element or flow id. */
  highlights?: ReadonlyMap<string, DiffHighlight>;
  /** The meeting notes, shown beside the diagram while `isNotesOpen`. */
  notesPanel?: ReactNode;
  isNotesOpen?: boolean;
  onToggleNotes?: () => void;
}

/**
 * Lays a diagram out with ELK, loading it (about 1.5 MB of script) the first time someone asks
 * for a layout instead of with the page.
 */
async function layoutDiagramOnDemand(
  doc: Y.Doc,
  diagramId: string,
): Promise<ReadonlyMap<string, LayoutTarget>> {
  const { layoutDiagram } = await PART_LOADERS.layout();
  return layoutDiagram(doc, diagramId);
}

/**
 * The Diagram tab of the workspace: the editor of the diagram named in the URL (or the first
 * top-level one). A model without any diagram gets a layer-0 "Context diagram" the first time
 * someone who can write opens the tab; others see an empty state.
 */
export function DiagramTab({
  doc,
  awareness,
  hasSynced,
  isReadOnly,
  authorId,
  selectedTargetId,
  onShowInThreatList,
  highlights,
  notesPanel = null,
  isNotesOpen = false,
  onToggleNotes,
}: DiagramTabProps) {
  const diagrams = useDiagrams(doc);
  // Exports are named after the model and the diagram.
  const modelTitle = useDocumentTitle(doc);
  const threats = useThreats(doc);
  const threatCounts = useMemo(() => countUnresolvedThreatsByTarget(threats), [threats]);
  const [requestedId, openDiagram] = useDiagramParam();
  const [undoManager, setUndoManager] = useState<Y.UndoManager | null>(null);
  const notesPanelId = useId();

  useEffect(() => {
    if (!doc) return;
    const manager = createCanvasUndoManager(doc);
    setUndoManager(manager);
    return () => {
      manager.destroy();
      setUndoManager(null);
    };
  }, [doc]);

  const isEmpty = hasSynced && diagrams.length === 0;
  useEffect(() => {
    // Read again: the list in state may be a render behind the document.
    if (!doc || !isEmpty || isReadOnly || listDiagrams(doc).length > 0) return;
    addDiagram(doc, { title: INITIAL_DIAGRAM_TITLE, layer: 0 });
  }, [doc, isEmpty, isReadOnly]);

  if (!doc || !hasSynced || !undoManager) {
    return <Skeleton className="h-[65vh] w-full" />;
  }
  const diagram = chooseDiagram(diagrams, requestedId);
  if (diagram === null) {
    return isReadOnly ? (
      <EmptyState
        title="No diagram yet"
        description="When someone who can edit this model opens the Diagram tab, its context diagram is created and shown here."
      />
    ) : (
      <Skeleton className="h-[65vh] w-full" />
    );
  }
  const editor = (
    <DiagramEditor
      key={diagram.id}
      doc={doc}
      awareness={awareness}
      diagram={diagram}
      diagrams={diagrams}
      isReadOnly={isReadOnly}
      undoManager={undoManager}
      onOpenDiagram={openDiagram}
      computeLayout={layoutDiagramOnDemand}
      threatCounts={threatCounts}
      highlights={highlights}
      initialSelectedId={selectedTargetId}
      renderToolbarExtras={() => (
        <>
          {onToggleNotes && notesPanel !== null ? (
            <Button
              variant="secondary"
              size="sm"
              aria-pressed={isNotesOpen}
              aria-controls={notesPanelId}
              onClick={onToggleNotes}
            >
              {isNotesOpen ? "Hide notes" : "Notes"}
            </Button>
          ) : null}
          <ExportMenu
            doc={doc}
            diagramId={diagram.id}
            title={[modelTitle, diagram.hierarchicalName || diagram.title]
              .filter((part) => part.trim() !== "")
              .join(" - ")}
          />
        </>
      )}
      renderSidePanel={({ selection }) => (
        <div className="space-y-4">
          <SelectionThreats
            doc={doc}
            diagramId={diagram.id}
            selection={selection}
            isReadOnly={isReadOnly}
            authorId={authorId}
            onShowInThreatList={onShowInThreatList}
          />
          <DiagramProperties
            doc={doc}
            diagramId={diagram.id}
            selection={selection}
            isReadOnly={isReadOnly}
          />
        </div>
      )}
      renderIssuesPanel={({ selectTarget, records }) => (
        <ValidationPanel diagramId={diagram.id} records={records} onSelect={selectTarget} />
      )}
    />
  );
  if (!isNotesOpen || notesPanel === null) return editor;
  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <div className="min-w-0">{editor}</div>
      <aside
        id={notesPanelId}
        aria-label="Meeting notes"
        className="max-h-[80vh] min-w-0 overflow-auto"
      >
        {notesPanel}
      </aside>
    </div>
  );
}
