import type * as Y from "yjs";
import { z } from "zod";
import { serializeMitigationsCsv, serializeThreatsCsv } from "@/lib/interop/csv/serialize";
import { serializeMarkdown } from "@/lib/interop/markdown/serialize";
import { exportNativeModel } from "@/lib/interop/native/model-file";
import { serializeOtm } from "@/lib/interop/otm/serialize";
import { serializeThreatDragon } from "@/lib/interop/threat-dragon/serialize";
import { getTitle } from "@/lib/model/meta";
import { buildReportHtml, printPdf } from "@/server/services/reports/report";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { authorizeOnModel } from "@/server/policies/policy";
import { getMemberRole } from "@/server/services/members/get-member-role";

/** A file name from a model's title: letters, digits and dashes only. */
export function fileNameOf(title: string, suffix: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${base || "threat-model"}${suffix}`;
}

/** The export formats: what each is called in `?format=`, its file name suffix and type. */
const EXPORTS = {
  json: { suffix: ".threat-room.json", type: "application/json" },
  "threat-dragon": { suffix: ".threat-dragon.json", type: "application/json" },
  otm: { suffix: ".otm.json", type: "application/json" },
  "threats-csv": { suffix: ".threats.csv", type: "text/csv; charset=utf-8" },
  "mitigations-csv": { suffix: ".mitigations.csv", type: "text/csv; charset=utf-8" },
  markdown: { suffix: ".md", type: "text/markdown; charset=utf-8" },
} as const;
type ExportFormat = keyof typeof EXPORTS;

const exportQuery = z.object({
  format: z.enum(Object.keys(EXPORTS) as [ExportFormat, ...ExportFormat[]]).default("json"),
});

/** What the document becomes in each format (pure serializers in lib/interop). */
function serialize(
  format: ExportFormat,
  doc: Y.Doc,
  modelId: string,
  encodeState: () => Uint8Array,
): unknown {
  switch (format) {
    case "json":
      return exportNativeModel(doc, encodeState());
    case "threat-dragon":
      return serializeThreatDragon(doc);
    case "otm":
      return serializeOtm(doc, modelId);
    case "threats-csv":
      return serializeThreatsCsv(doc);
    case "mitigations-csv":
      return serializeMitigationsCsv(doc);
    case "markdown":
      return serializeMarkdown(doc);
  }
}

/**
 * GET /api/models/:id/export?format=: the model as a file to download. `json` (the default) is
 * our own model file, which POST /api/models/import takes back exactly; `threat-dragon` and
 * `otm` open in those tools; `threats-csv` and `mitigations-csv` feed issue trackers;
 * `markdown` goes to a wiki. Every member may export.
 */
export async function getModelExport(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(
    await getMemberRole(req.runtime.db, { modelId, userId: actor.user.id }),
    "model.read",
  );
  const { format } = req.query(exportQuery);
  const { title, content } = await req.runtime.rooms.read(modelId, (doc, room) => ({
    title: getTitle(doc),
    content: serialize(format, doc, modelId, () => room.encodeFullState()),
  }));
  const { suffix, type } = EXPORTS[format];
  const headers = {
    "Content-Disposition": `attachment; filename="${fileNameOf(title, suffix)}"`,
  };
  return typeof content === "string"
    ? { status: 200, headers, text: { contentType: type, content } }
    : { status: 200, headers, body: content };
}

const reportQuery = z.object({ format: z.enum(["html", "pdf"]).default("html") });

/**
 * GET /api/models/:id/report?format=html|pdf: the model's report (lib/interop/report), as a
 * page or printed to PDF with the system Chromium. Every member may read it.
 */
export async function getModelReport(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(
    await getMemberRole(req.runtime.db, { modelId, userId: actor.user.id }),
    "model.read",
  );
  const { format } = req.query(reportQuery);
  const html = await buildReportHtml(req.runtime, modelId);
  const title = await req.runtime.rooms.read(modelId, getTitle);
  if (format === "html") {
    return {
      status: 200,
      headers: {
        "Content-Disposition": `inline; filename="${fileNameOf(title, ".report.html")}"`,
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      },
      text: { contentType: "text/html; charset=utf-8", content: html },
    };
  }
  const pdf = await printPdf(html, req.runtime.env.CHROMIUM_PATH);
  return {
    status: 200,
    headers: {
      "Content-Disposition": `attachment; filename="${fileNameOf(title, ".report.pdf")}"`,
    },
    text: { contentType: "application/pdf", content: pdf },
  };
}
