"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { TrashIcon } from "@/components/ui/icons";
import { MenuButton } from "@/components/ui/menu-button";
import { PALETTE_ITEMS, PALETTE_LABELS, type PaletteItem } from "./diagram-commands";
import { KeyboardHelp } from "./keyboard-help";
import { PALETTE_DRAG_TYPE } from "./palette-drag";

export interface DiagramToolbarProps {
  isReadOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  canOpenSubDiagram: boolean;
  canLayout: boolean;
  isLayingOut: boolean;
  isHelpOpen: boolean;
  onAdd: (item: PaletteItem) => void;
  onUndo: () => void;
  onRedo: () => void;
  onDelete: () => void;
  onOpenSubDiagram: () => void;
  onFitView: () => void;
  onAutoLayout: () => void;
  onToggleHelp: (isOpen: boolean) => void;
  /** More actions at the end (export). */
  extras?: ReactNode;
}

const SHORTCUT_OF: Record<PaletteItem, string> = {
  "external-entity": "E",
  process: "P",
  "data-store": "D",
  "boundary-box": "B",
  "boundary-line": "L",
};

/** A small drawing of each palette item, so the buttons show what they add. */
function PaletteGlyph({ item }: { item: PaletteItem }) {
  const common = { fill: "none", stroke: "currentColor", strokeWidth: 1.8 };
  return (
    <svg viewBox="0 0 24 16" className="h-4 w-6" aria-hidden="true">
      {item === "external-entity" ? <rect x="2" y="2" width="20" height="12" {...common} /> : null}
      {item === "process" ? <ellipse cx="12" cy="8" rx="8" ry="6.5" {...common} /> : null}
      {item === "data-store" ? <path d="M2 3h20M2 13h20" {...common} /> : null}
      {item === "boundary-box" ? (
        <rect x="2" y="2" width="20" height="12" rx="2" strokeDasharray="3 2" {...common} />
      ) : null}
      {item === "boundary-line" ? <path d="M2 12L22 4" strokeDasharray="3 2" {...common} /> : null}
    </svg>
  );
}

/**
 * The editor's toolbar: the palette (click to add at the centre, or drag onto the canvas), then
 * history, selection and view actions, in one row: below 1280 px the palette shows only its
 * shapes and the view actions move into a "More" menu. Editing actions are absent for
 * read-only users.
 */
export function DiagramToolbar(props: DiagramToolbarProps) {
  const { isReadOnly } = props;
  return (
    <div
      role="toolbar"
      aria-label="Diagram tools"
      className="flex flex-wrap items-center gap-1 rounded-lg border border-slate-200 bg-white p-1.5"
    >
      {isReadOnly ? null : (
        <div role="group" aria-label="Add to diagram" className="flex flex-wrap items-center gap-1">
          {PALETTE_ITEMS.map((item) => (
            <Button
              key={item}
              variant="ghost"
              size="sm"
              draggable
              onDragStart={(event) => {
                event.dataTransfer.setData(PALETTE_DRAG_TYPE, item);
                event.dataTransfer.effectAllowed = "copy";
              }}
              onClick={() => props.onAdd(item)}
              aria-keyshortcuts={SHORTCUT_OF[item]}
              title={`Add ${PALETTE_LABELS[item].toLowerCase()} (${SHORTCUT_OF[item]}), or drag it onto the canvas`}
              icon={<PaletteGlyph item={item} />}
              aria-label={PALETTE_LABELS[item]}
            >
              {/* Below 1536 px the shapes speak for themselves: the toolbar stays one row. */}
              <span className="hidden 2xl:inline">{PALETTE_LABELS[item]}</span>
            </Button>
          ))}
          <span aria-hidden="true" className="mx-1 h-6 w-px bg-slate-200" />
        </div>
      )}
      {isReadOnly ? null : (
        <>
          <Button
            variant="ghost"
            size="sm"
            onClick={props.onUndo}
            disabled={!props.canUndo}
            aria-keyshortcuts="Control+Z"
          >
            Undo
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={props.onRedo}
            disabled={!props.canRedo}
            aria-keyshortcuts="Control+Shift+Z"
          >
            Redo
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={props.onDelete}
            disabled={!props.hasSelection}
            icon={<TrashIcon />}
            aria-keyshortcuts="Delete"
          >
            Delete
          </Button>
        </>
      )}
      {/* From 1280 px the view actions are buttons; below, they move into "More". */}
      <div className="hidden items-center gap-1 xl:flex">
        <Button
          variant="ghost"
          size="sm"
          onClick={props.onOpenSubDiagram}
          disabled={!props.canOpenSubDiagram}
          aria-keyshortcuts="O"
        >
          Open sub-diagram
        </Button>
        <Button variant="ghost" size="sm" onClick={props.onFitView} aria-keyshortcuts="Shift+1">
          Zoom to fit
        </Button>
        {isReadOnly ? null : (
          <Button
            variant="ghost"
            size="sm"
            onClick={props.onAutoLayout}
            disabled={!props.canLayout}
            isLoading={props.isLayingOut}
          >
            Auto layout
          </Button>
        )}
      </div>
      <div className="xl:hidden">
        <MenuButton
          variant="ghost"
          label="More"
          menuLabel="More diagram tools"
          menuWidth="w-56"
          isLoading={props.isLayingOut}
          items={[
            {
              key: "open-sub-diagram",
              label: "Open sub-diagram",
              shortcut: "O",
              isDisabled: !props.canOpenSubDiagram,
              onSelect: props.onOpenSubDiagram,
            },
            { key: "fit", label: "Zoom to fit", shortcut: "Shift+1", onSelect: props.onFitView },
            ...(isReadOnly
              ? []
              : [
                  {
                    key: "layout",
                    label: "Auto layout",
                    isDisabled: !props.canLayout || props.isLayingOut,
                    onSelect: props.onAutoLayout,
                  },
                ]),
          ]}
        />
      </div>
      <div className="ml-auto flex items-center gap-1">
        {props.extras}
        <KeyboardHelp isOpen={props.isHelpOpen} onToggle={props.onToggleHelp} />
      </div>
    </div>
  );
}
