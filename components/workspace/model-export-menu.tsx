"use client";

import { MenuButton } from "@/components/ui/menu-button";

/** The model's export formats (GET /api/models/:id/export?format=), as the menu lists them. */
const FORMATS = [
  { format: "json", label: "Model file (.json), to import again" },
  { format: "threat-dragon", label: "Threat Dragon (.json)" },
  { format: "otm", label: "Open Threat Model (.otm.json)" },
  { format: "threats-csv", label: "Threats (.csv)" },
  { format: "mitigations-csv", label: "Mitigations (.csv)" },
  { format: "markdown", label: "Markdown (.md)" },
] as const;

/**
 * "Export" in the workspace header: downloads the model as it is now, in our own format or
 * one another tool opens. The server names the file; the browser downloads it.
 */
export function ModelExportMenu({ modelId }: { modelId: string }) {
  return (
    <MenuButton
      label="Export"
      menuLabel="Export the model"
      menuWidth="w-72"
      items={FORMATS.map(({ format, label }) => ({
        key: format,
        label,
        onSelect: () => {
          const link = document.createElement("a");
          link.href = `/api/models/${encodeURIComponent(modelId)}/export?format=${format}`;
          link.download = "";
          document.body.append(link);
          link.click();
          link.remove();
        },
      }))}
    />
  );
}
