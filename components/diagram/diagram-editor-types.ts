import type { CanvasWriteKind } from "./canvas-history";
import type { ReactNode } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import type { DiffHighlight } from "./canvas-graph";
import type { DiagramRecords, NamedDiagram } from "./use-diagram-records";

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
  /** Issues found in the diagram, at the foot of the side panel (which scrolls on its own). */
  renderIssuesPanel?: (context: EditorSlotContext) => ReactNode;
  /** Extra toolbar content (export). */
  renderToolbarExtras?: (context: EditorSlotContext) => ReactNode;
  /** Unresolved threats per element or flow id, drawn as badges. */
  threatCounts?: ReadonlyMap<string, number>;
  /** Changes to mark on the drawing when comparing versions, per element or flow id. */
  highlights?: ReadonlyMap<string, DiffHighlight>;
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

/** An element or data flow to select and show. */
export interface SelectionTarget {
  type: "element" | "flow";
  id: string;
}

/** The selection split by kind: elements and data flows of the diagram. */
export interface EditorSelection {
  elementIds: string[];
  flowIds: string[];
}

/**
 * What the editor's panels get: the selection, a way to select and show a target, and the
 * diagram's records as the canvas draws them (kept current; a panel need not read them again).
 */
export interface EditorSlotContext {
  selection: EditorSelection;
  selectTarget: (target: SelectionTarget) => void;
  records: DiagramRecords;
}

/** How a canvas write is attempted: null when refused (read-only) or when it failed. */
export type CanvasWrite = <T>(change: () => T, failure: string, kind?: CanvasWriteKind) => T | null;

/**
 * The settings of "Zoom to fit" (toolbar button and keyboard shortcut); its maximum zoom also
 * caps the view a diagram opens at (readable-viewport.ts).
 */
export const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.2 };
