/**
 * Writes the report of this product's own threat model (lib/examples) into docs/, as the page
 * and the PDF the server would answer: `npm run example-report`. The README links to both.
 */
import fs from "node:fs/promises";
import path from "node:path";
import * as Y from "yjs";
import { buildThreatRoomExample, EXAMPLE_TITLE } from "@/lib/examples/threat-room-model";
import { renderReportHtml } from "@/lib/interop/report/html";
import { initializeDocument } from "@/lib/model/document";
import { printPdf } from "@/server/services/reports/report";

const doc = new Y.Doc();
initializeDocument(doc, { title: EXAMPLE_TITLE, ownerId: "example" });
buildThreatRoomExample(doc, "example");
const html = renderReportHtml(doc, {
  generatedAt: Date.now(),
  names: new Map(),
  session: null,
  signOffs: [],
});
const folder = path.join(process.cwd(), "docs");
await fs.mkdir(folder, { recursive: true });
await fs.writeFile(path.join(folder, "threat-room-threat-model.html"), html);
const pdf = await printPdf(html, process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");
await fs.writeFile(path.join(folder, "threat-room-threat-model.pdf"), pdf);
console.log(`wrote docs/threat-room-threat-model.html and .pdf (${pdf.byteLength} bytes)`);
