import type * as Y from "yjs";
import { escapeXml, renderDiagramSvg } from "@/lib/diagram/export-svg";
import { getCoverage, type SessionState } from "@/lib/facilitation/session";
import { CONTEXT_LISTS, listContextItems, type ContextListName } from "@/lib/model/context";
import { listDiagrams } from "@/lib/model/diagrams";
import { ELEMENT_KIND_LABELS, getElement, listElements } from "@/lib/model/elements";
import { getFlow, listFlows } from "@/lib/model/flows";
import { getDreadScale, getTitle } from "@/lib/model/meta";
import {
  listMitigations,
  MITIGATION_STATUSES,
  MITIGATION_STATUS_LABELS,
} from "@/lib/model/mitigations";
import { listNoteItems } from "@/lib/model/notes";
import { getMetaMap } from "@/lib/model/roots";
import {
  getThreatRisk,
  listThreats,
  STRIDE_CATEGORIES,
  STRIDE_CATEGORY_LABELS,
  THREAT_RESPONSE_LABELS,
  THREAT_SEVERITY_LABELS,
  THREAT_STATUS_LABELS,
  type Threat,
} from "@/lib/model/threats";

/**
 * The model's report as one self-contained HTML page (inline styles and SVG, no scripts, no
 * requests), for people and for printing to PDF: title and scope, every diagram, the
 * background context, the coverage of the last facilitated session, threats by risk with
 * their ratings, responses and who accepted what, mitigations by status, assumptions and
 * external dependencies, decisions and action items, open items, and sign-offs. Pure; every
 * text from the model is escaped.
 */

export interface ReportOptions {
  /** When the report was made (ms since the epoch), shown on its cover. */
  generatedAt: number;
  /** Member names by user id: who accepted a threat. */
  names: ReadonlyMap<string, string>;
  /** The last facilitated session, for the coverage matrix; null when there was none. */
  session: SessionState | null;
  /** Sign-offs of versions, newest first. */
  signOffs: readonly { name: string; decision: string; version: string; at: number }[];
}

const CONTEXT_TITLES: Record<ContextListName, string> = {
  scenarios: "Scenarios",
  assets: "Assets",
  entryPoints: "Entry points",
  dependencies: "External dependencies",
  assumptions: "Assumptions",
};

const COVERAGE_MARKS = {
  found: { mark: "●", label: "threats found" },
  "none-found": { mark: "✓", label: "discussed, none found" },
  skipped: { mark: "–", label: "skipped" },
  "not-visited": { mark: "·", label: "not visited" },
} as const;

const text = (value: string) => escapeXml(value);

/** A threat's description in the report stops here (the model holds the whole text). */
const DESCRIPTION_LIMIT = 600;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const STYLE = `
  @page { size: A4; margin: 18mm 16mm; }
  * { box-sizing: border-box; }
  body { font: 10.5pt/1.45 "DejaVu Sans", Arial, sans-serif; color: #0f172a; margin: 0; }
  h1 { font-size: 22pt; margin: 0 0 4pt; }
  h2 { font-size: 14pt; margin: 18pt 0 6pt; padding-bottom: 3pt; border-bottom: 1.5pt solid #4f46e5; break-after: avoid; }
  h3 { font-size: 11.5pt; margin: 12pt 0 4pt; break-after: avoid; }
  p { margin: 0 0 6pt; }
  .muted { color: #475569; }
  .cover { border-left: 6pt solid #4f46e5; padding: 4pt 0 4pt 12pt; margin-bottom: 12pt; }
  .summary { display: flex; gap: 10pt; margin: 10pt 0; }
  .summary div { flex: 1; border: 1pt solid #cbd5e1; border-radius: 4pt; padding: 6pt 8pt; }
  .summary strong { display: block; font-size: 16pt; }
  table { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9pt; }
  th, td { border: 0.75pt solid #cbd5e1; padding: 3pt 5pt; text-align: left; vertical-align: top; }
  th { background: #eef2ff; }
  tr { break-inside: avoid; }
  .diagram { break-inside: avoid; margin-bottom: 10pt; }
  .diagram svg { width: 100%; height: auto; max-height: 190mm; border: 0.75pt solid #cbd5e1; }
  .cell { text-align: center; width: 7%; }
  .badge { display: inline-block; border-radius: 3pt; padding: 0 4pt; font-size: 8.5pt; }
  .critical, .important { background: #fee2e2; color: #991b1b; }
  .moderate { background: #fef3c7; color: #92400e; }
  .low, .information { background: #e0f2fe; color: #075985; }
  ul { margin: 0 0 6pt 14pt; padding: 0; }
  .toc li { margin: 1pt 0; }
  footer { margin-top: 18pt; font-size: 8.5pt; color: #64748b; }
  .text { white-space: pre-line; }
  .threats { font-size: 8.5pt; table-layout: fixed; }
  .threats td { overflow-wrap: break-word; }
  .threats .text { font-size: 8pt; }
`;

/** The report of the document (see the module comment). */
export function renderReportHtml(doc: Y.Doc, options: ReportOptions): string {
  const title = getTitle(doc) || "Threat model";
  const description = getMetaMap(doc).get("description");
  const scale = getDreadScale(doc);
  const threats = listThreats(doc)
    .map((threat) => ({ threat, risk: getThreatRisk(threat, scale) }))
    .sort(
      (a, b) =>
        (b.risk?.value ?? -1) - (a.risk?.value ?? -1) ||
        severityRank(a.threat) - severityRank(b.threat) ||
        a.threat.title.localeCompare(b.threat.title),
    );
  const mitigations = listMitigations(doc);
  const notes = listNoteItems(doc);
  const elements = listElements(doc);
  const flows = listFlows(doc);
  const open = threats.filter(({ threat }) => threat.status === "open" && threat.response === null);
  const openActions = notes.filter((item) => item.type === "action" && !item.done);
  const targetName = (threat: Threat) =>
    threat.targetId === null
      ? "the whole model"
      : (getElement(doc, threat.targetId)?.name ?? getFlow(doc, threat.targetId)?.name ?? "—");
  const sections: string[] = [];

  sections.push(`
    <section class="cover">
      <h1>${text(title)}</h1>
      <p class="muted">Threat model report · generated ${date(options.generatedAt)}</p>
    </section>
    ${typeof description === "string" && description.trim() ? `<h2 id="scope">Scope</h2><p class="text">${text(description)}</p>` : ""}
    <div class="summary">
      <div><strong>${elements.length}</strong>elements</div>
      <div><strong>${flows.length}</strong>data flows</div>
      <div><strong>${threats.length}</strong>threats</div>
      <div><strong>${open.length}</strong>open without a response</div>
      <div><strong>${mitigations.length}</strong>mitigations</div>
    </div>
    <ol class="toc">
      <li>Diagrams</li><li>Background</li><li>Coverage</li><li>Threats by risk</li>
      <li>Mitigations</li><li>Decisions and action items</li><li>Open items</li><li>Sign-offs</li>
    </ol>`);

  sections.push(`<h2 id="diagrams">Diagrams</h2>`);
  for (const diagram of listDiagrams(doc)) {
    sections.push(`
      <div class="diagram">
        <h3>${text(diagram.title)}</h3>
        ${renderDiagramSvg(doc, diagram.id)}
      </div>`);
  }

  sections.push(`<h2 id="background">Background</h2>`);
  for (const name of CONTEXT_LISTS) {
    const items = listContextItems(doc, name);
    sections.push(
      `<h3>${CONTEXT_TITLES[name]}</h3>${
        items.length === 0
          ? `<p class="muted">None recorded.</p>`
          : `<ul>${items.map((item) => `<li>${text(item.text)}</li>`).join("")}</ul>`
      }`,
    );
  }

  sections.push(`<h2 id="coverage">Coverage</h2>`);
  if (!options.session || options.session.agenda.length === 0) {
    sections.push(`<p class="muted">No facilitated session has walked this model yet.</p>`);
  } else {
    const session = options.session;
    sections.push(`
      <p class="muted">From the session of ${date(session.startedAt)}: ${Object.values(
        COVERAGE_MARKS,
      )
        .map((entry) => `${entry.mark} ${entry.label}`)
        .join(", ")}.</p>
      <table>
        <tr><th>Item</th>${STRIDE_CATEGORIES.map((category) => `<th class="cell" title="${STRIDE_CATEGORY_LABELS[category]}">${STRIDE_CATEGORY_LABELS[category].charAt(0)}</th>`).join("")}</tr>
        ${session.agenda
          .map(
            (item) =>
              `<tr><td>${text(item.name || item.targetId)}</td>${STRIDE_CATEGORIES.map(
                (category) =>
                  item.categories.includes(category)
                    ? `<td class="cell">${COVERAGE_MARKS[getCoverage(session, item.targetId, category)].mark}</td>`
                    : `<td class="cell"></td>`,
              ).join("")}</tr>`,
          )
          .join("")}
      </table>`);
  }

  sections.push(`<h2 id="threats">Threats by risk</h2>`);
  if (threats.length === 0) sections.push(`<p class="muted">No threats recorded.</p>`);
  else {
    const rows = threats.map(({ threat, risk }, index) => {
      const accepted =
        threat.response === "accept" && threat.acceptedBy
          ? ` by ${text(options.names.get(threat.acceptedBy) ?? "a former member")}${threat.acceptedAt ? ` on ${date(threat.acceptedAt)}` : ""}`
          : "";
      return {
        threat,
        number: index + 1,
        severity: threat.severity
          ? `<span class="badge ${threat.severity}">${THREAT_SEVERITY_LABELS[threat.severity]}</span>`
          : `<span class="muted">not rated</span>`,
        dread: risk
          ? `${Number.isInteger(risk.value) ? risk.value : risk.value.toFixed(1)} / ${risk.scale === "sum-1-3" ? 15 : 10}`
          : "—",
        response: threat.response ? `${THREAT_RESPONSE_LABELS[threat.response]}${accepted}` : "—",
      };
    });
    sections.push(`
      <table class="threats">
        <colgroup><col style="width:4%"><col style="width:28%"><col style="width:13%"><col style="width:12%"><col style="width:10%"><col style="width:10%"><col style="width:23%"></colgroup>
        <tr><th>#</th><th>Threat</th><th>Category</th><th>Applies to</th><th>Severity, DREAD</th><th>Status, response</th><th>Mitigations</th></tr>
        ${rows
          .map((row) => {
            const linked = mitigations.filter((m) => m.threatIds.includes(row.threat.id));
            const description = row.threat.description.trim();
            return `<tr>
              <td>${row.number}</td>
              <td><strong>${text(row.threat.title)}</strong>${description ? `<div class="text muted">${text(description.length > DESCRIPTION_LIMIT ? `${description.slice(0, DESCRIPTION_LIMIT)}…` : description)}</div>` : ""}</td>
              <td>${STRIDE_CATEGORY_LABELS[row.threat.category]}</td>
              <td>${text(targetName(row.threat))}</td>
              <td>${row.severity}${row.dread === "—" ? "" : `<br>${row.dread}`}</td>
              <td>${THREAT_STATUS_LABELS[row.threat.status]}${row.threat.response ? `<br>${row.response}` : ""}</td>
              <td>${linked.map((m) => `${text(m.title)} <span class="muted">(${MITIGATION_STATUS_LABELS[m.status]})</span>`).join("<br>") || `<span class="muted">none</span>`}</td>
            </tr>`;
          })
          .join("")}
      </table>`);
  }

  sections.push(`<h2 id="mitigations">Mitigations by status</h2>`);
  if (mitigations.length === 0) sections.push(`<p class="muted">No mitigations recorded.</p>`);
  for (const status of MITIGATION_STATUSES) {
    const list = mitigations.filter((mitigation) => mitigation.status === status);
    if (list.length === 0) continue;
    sections.push(
      `<h3>${MITIGATION_STATUS_LABELS[status]} (${list.length})</h3><ul>${list
        .map(
          (m) =>
            `<li><strong>${text(m.title)}</strong>${m.owner ? ` · ${text(m.owner)}` : ""}${m.threatIds.length ? ` <span class="muted">(${m.threatIds.length} threat${m.threatIds.length === 1 ? "" : "s"})</span>` : ""}</li>`,
        )
        .join("")}</ul>`,
    );
  }

  sections.push(`<h2 id="decisions">Decisions and action items</h2>`);
  sections.push(
    notes.length === 0
      ? `<p class="muted">None recorded in the notes.</p>`
      : `<ul>${notes
          .map(
            (item) =>
              `<li>${item.type === "decision" ? "Decision" : item.done ? "Action (done)" : "Action"}: ${text(item.text)}${item.assignee ? ` · ${text(item.assignee)}` : ""}${item.due ? ` · due ${text(item.due)}` : ""}</li>`,
          )
          .join("")}</ul>`,
  );

  sections.push(`<h2 id="open">Open items</h2>`);
  sections.push(
    open.length === 0 && openActions.length === 0
      ? `<p>Every threat has a response or is closed, and no action item is open.</p>`
      : `<ul>${open
          .map(
            ({ threat }) =>
              `<li>Threat without a response: ${text(threat.title)} (${text(targetName(threat))})</li>`,
          )
          .join(
            "",
          )}${openActions.map((item) => `<li>Open action: ${text(item.text)}</li>`).join("")}</ul>`,
  );

  sections.push(`<h2 id="sign-offs">Sign-offs</h2>`);
  sections.push(
    options.signOffs.length === 0
      ? `<p class="muted">No one has signed this model off yet.</p>`
      : `<table><tr><th>Who</th><th>Decision</th><th>Version</th><th>When</th></tr>${options.signOffs
          .map(
            (s) =>
              `<tr><td>${text(s.name)}</td><td>${text(s.decision)}</td><td>${text(s.version)}</td><td>${date(s.at)}</td></tr>`,
          )
          .join("")}</table>`,
  );

  const kinds = [...new Set(elements.map((element) => ELEMENT_KIND_LABELS[element.kind]))];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${text(title)} · threat model report</title>
<style>${STYLE}</style></head>
<body>${sections.join("\n")}
<footer>${text(title)} · ${elements.length} elements (${kinds.map(text).join(", ") || "none"}) · generated ${date(options.generatedAt)}</footer>
</body></html>
`;
}

function severityRank(threat: Threat): number {
  const order = ["critical", "important", "moderate", "low", "information"];
  return threat.severity ? order.indexOf(threat.severity) : order.length;
}
