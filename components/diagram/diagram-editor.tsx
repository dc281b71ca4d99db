"use client";

import "@xyflow/react/dist/style.css";
import { ReactFlowProvider } from "@xyflow/react";
import { DiagramEditorBody } from "./diagram-editor-body";
import type { DiagramEditorProps } from "./diagram-editor-types";

export type { DiagramEditorProps, EditorSlotContext, LayoutTarget } from "./diagram-editor-types";

/** The DFD editor of one diagram: toolbar, breadcrumbs, live canvas and side panels. */
export function DiagramEditor(props: DiagramEditorProps) {
  return (
    <ReactFlowProvider>
      <DiagramEditorBody {...props} />
    </ReactFlowProvider>
  );
}
