"use client";

import { createContext, useContext } from "react";
import type { ElementGeometry } from "./diagram-mapping";

/** What is being renamed in place. */
export interface RenameTarget {
  type: "element" | "flow";
  id: string;
}

/** The canvas's actions, for its node and edge components (which React Flow renders). */
export interface CanvasActions {
  isReadOnly: boolean;
  /** False on the deepest layer: its processes cannot be zoomed into. */
  canZoomIn: boolean;
  commitRename: (target: RenameTarget, name: string) => void;
  cancelRename: () => void;
  openSubDiagram: (processId: string) => void;
  /** Shows a geometry while an element is resized or a line's end dragged. */
  previewGeometry: (id: string, geometry: ElementGeometry) => void;
  /** Stores the geometry at the end of a resize or end drag (one undo step). */
  commitGeometry: (id: string, geometry: ElementGeometry) => void;
}

export const CanvasActionsContext = createContext<CanvasActions | null>(null);

/** The actions of the canvas around a node or edge component. */
export function useCanvasActions(): CanvasActions {
  const actions = useContext(CanvasActionsContext);
  if (actions === null) throw new Error("Canvas components render inside the diagram canvas");
  return actions;
}
