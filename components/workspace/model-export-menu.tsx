"use client";

import { MenuButton } from "@/components/ui/menu-button";

/** The model's export formats (GET /api/models/:id/export?format=), as the menu lists them. */
const FORMATS = [
  { format: "report-pdf", label: "Report (PDF)" },
  { format: "report-html", label: "Report (web page, opens in a new tab)" },
  { format: "json", label: "Model file (.json), to import again" },
  { format: "threat-dragon", label: "Threat Dragon (.json)" },
  { format: "otm", label: "Open Threat Model (.otm.json)" },
  { format: "threats-csv", label: "Threats (.csv)" },
  { format: "mitigations-csv", label: "Mitigations (.csv)" },
  { format: "markdown", label: "Markdown (.md)" },
] as const;

/**
 * "Export" in the workspace header: the report (PDF, or a page to read), and the model as it
 * is now in our own format or one another tool opens. The server names the file.
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
          const base = `/api/models/${encodeURIComponent(modelId)}`;
          if (format === "report-html") {
            window.open(`${base}/report?format=html`, "_blank", "noopener");
            return;
          }
          const link = document.createElement("a");
          link.href =
            format === "report-pdf"
              ? `${base}/report?format=pdf`
              : `${base}/export?format=${format}`;
          link.download = "";
          document.body.append(link);
          link.click();
          link.remove();
        },
      }))}
    />
  );
}
