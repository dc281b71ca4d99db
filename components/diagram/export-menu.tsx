"use client";

import { useState } from "react";
import type * as Y from "yjs";
import { getExportFileName, renderDiagramSvg } from "@/lib/diagram/export-svg";
import { MenuButton } from "@/components/ui/menu-button";
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
  const [busyFormat, setBusyFormat] = useState<ExportFormat | null>(null);

  async function handleExport(format: ExportFormat) {
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

  return (
    <MenuButton
      label={busyFormat === null ? "Export" : `Exporting ${busyFormat.toUpperCase()}…`}
      menuLabel="Export the diagram"
      isLoading={busyFormat !== null}
      items={FORMATS.map(({ format, label }) => ({
        key: format,
        label,
        onSelect: () => void handleExport(format),
      }))}
    />
  );
}
