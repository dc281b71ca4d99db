"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type * as Y from "yjs";
import { getExportFileName, renderDiagramSvg } from "@/lib/diagram/export-svg";
import { Button } from "@/components/ui/button";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { useToast } from "@/components/ui/toast";
import { convertSvgToPng, downloadBlob } from "./svg-to-png";

export interface ExportMenuProps {
  doc: Y.Doc;
  diagramId: string;
  /** Names the downloaded file: "<title>.svg" or "<title>.png". */
  title: string;
}

type ExportFormat = "svg" | "png";

const FORMATS: readonly { format: ExportFormat; label: string }[] = [
  { format: "svg", label: "Export SVG" },
  { format: "png", label: "Export PNG" },
];

/**
 * An "Export" button opening a menu that downloads the diagram as it is now, as SVG (vector,
 * for documents) or PNG (twice the drawing's size, for slides and chats). Failures are shown
 * as a notice.
 */
export function ExportMenu({ doc, diagramId, title }: ExportMenuProps) {
  const { notify } = useToast();
  const menuId = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [busyFormat, setBusyFormat] = useState<ExportFormat | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!isOpen) return;
    itemRefs.current[0]?.focus();
    function handlePointerDown(event: PointerEvent) {
      if (event.target instanceof Node && containerRef.current?.contains(event.target)) return;
      setIsOpen(false);
    }
    document.addEventListener("pointerdown", handlePointerDown);
    return () => document.removeEventListener("pointerdown", handlePointerDown);
  }, [isOpen]);

  function close() {
    setIsOpen(false);
    buttonRef.current?.focus();
  }

  async function handleExport(format: ExportFormat) {
    close();
    setBusyFormat(format);
    try {
      const svg = renderDiagramSvg(doc, diagramId);
      const blob =
        format === "svg"
          ? new Blob([svg], { type: "image/svg+xml;charset=utf-8" })
          : await convertSvgToPng(svg);
      downloadBlob(blob, getExportFileName(title, format));
    } catch (caught) {
      notify({
        tone: "danger",
        message:
          caught instanceof Error
            ? `The export failed: ${caught.message}`
            : "The export failed. Try again.",
      });
    } finally {
      setBusyFormat(null);
    }
  }

  function handleMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = itemRefs.current.filter((item) => item !== null);
    const index = items.findIndex((item) => item === document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      items[event.key === "Home" ? 0 : items.length - 1]?.focus();
    } else if (event.key === "Escape" || event.key === "Tab") {
      if (event.key === "Escape") event.preventDefault();
      close();
    }
  }

  return (
    <div ref={containerRef} className="relative inline-block">
      <Button
        ref={buttonRef}
        variant="secondary"
        size="sm"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        isLoading={busyFormat !== null}
        onClick={() => setIsOpen((current) => !current)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && !isOpen) {
            event.preventDefault();
            setIsOpen(true);
          }
        }}
      >
        {busyFormat === null ? "Export" : `Exporting ${busyFormat.toUpperCase()}…`}
      </Button>
      {isOpen ? (
        <div
          id={menuId}
          role="menu"
          aria-label="Export the diagram"
          onKeyDown={handleMenuKeyDown}
          className="absolute right-0 z-20 mt-1 w-40 rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200"
        >
          {FORMATS.map(({ format, label }, index) => (
            <button
              key={format}
              ref={(item) => {
                itemRefs.current[index] = item;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => void handleExport(format)}
              className={cx(
                "block w-full px-3 py-1.5 text-left text-sm text-slate-800 hover:bg-slate-100 focus:bg-slate-100",
                FOCUS_RING,
              )}
            >
              {label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
