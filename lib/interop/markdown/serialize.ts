import type * as Y from "yjs";
import { CONTEXT_LISTS, listContextItems } from "@/lib/model/context";
import { listDiagrams } from "@/lib/model/diagrams";
import { ELEMENT_KIND_LABELS, getElement, listElements } from "@/lib/model/elements";
import { getFlow, listFlows } from "@/lib/model/flows";
import { getDreadScale, getTitle } from "@/lib/model/meta";
import { listMitigations, MITIGATION_STATUS_LABELS } from "@/lib/model/mitigations";
import { listNoteItems } from "@/lib/model/notes";
import { getMetaMap } from "@/lib/model/roots";
import {
  getThreatRisk,
  listThreats,
  STRIDE_CATEGORY_LABELS,
  THREAT_RESPONSE_LABELS,
  THREAT_SEVERITY_LABELS,
  THREAT_STATUS_LABELS,
} from "@/lib/model/threats";

/**
 * A model as Markdown, for a wiki or a pull request: scope and context, the elements and flows
 * of each diagram, the threats by risk (highest first) with their status, severity, response
 * and mitigations, the mitigations by status, and the notes' decisions and action items.
 * Pure. Text from the model is escaped so it cannot add links, images or HTML.
 */

/** Model text as inert Markdown: no HTML, links, images or table breaks. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, "\\$&").replace(/\r?\n/g, " ");
}

const CONTEXT_TITLES: Record<(typeof CONTEXT_LISTS)[number], string> = {
  scenarios: "Scenarios",
  assets: "Assets",
  entryPoints: "Entry points",
  dependencies: "External dependencies",
  assumptions: "Assumptions",
};

export function serializeMarkdown(doc: Y.Doc): string {
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const description = getMetaMap(doc).get("description");
  push(`# ${escapeMarkdown(getTitle(doc))}`, "");
  if (typeof description === "string" && description.trim()) push(escapeMarkdown(description), "");

  for (const name of CONTEXT_LISTS) {
    const items = listContextItems(doc, name);
    if (items.length === 0) continue;
    push(
      `## ${CONTEXT_TITLES[name]}`,
      "",
      ...items.map((item) => `- ${escapeMarkdown(item.text)}`),
      "",
    );
  }

  const elements = listElements(doc);
  const flows = listFlows(doc);
  for (const diagram of listDiagrams(doc)) {
    push(`## Diagram: ${escapeMarkdown(diagram.title)}`, "");
    const inside = elements.filter((element) => element.diagramId === diagram.id);
    for (const element of inside) {
      const scope = element.outOfScope ? " (out of scope)" : "";
      push(
        `- ${ELEMENT_KIND_LABELS[element.kind]}: ${escapeMarkdown(element.name || "unnamed")}${scope}`,
      );
    }
    for (const flow of flows.filter((f) => f.diagramId === diagram.id)) {
      const from = getElement(doc, flow.sourceId)?.name ?? "?";
      const to = getElement(doc, flow.targetId)?.name ?? "?";
      push(
        `- Flow: ${escapeMarkdown(flow.name || "unnamed")} (${escapeMarkdown(from)} → ${escapeMarkdown(to)})`,
      );
    }
    if (inside.length === 0) push("_Empty._");
    push("");
  }

  const scale = getDreadScale(doc);
  const mitigations = listMitigations(doc);
  const threats = listThreats(doc)
    .map((threat) => ({ threat, risk: getThreatRisk(threat, scale)?.value ?? -1 }))
    .sort((a, b) => b.risk - a.risk || a.threat.title.localeCompare(b.threat.title));
  push(`## Threats (${threats.length})`, "");
  if (threats.length > 0) {
    push(
      "| Threat | Category | Applies to | Status | Severity | Response | Mitigations |",
      "|---|---|---|---|---|---|---|",
    );
    for (const { threat } of threats) {
      const target =
        threat.targetId === null
          ? "the whole model"
          : (getElement(doc, threat.targetId)?.name ?? getFlow(doc, threat.targetId)?.name ?? "?");
      const linked = mitigations
        .filter((m) => m.threatIds.includes(threat.id))
        .map((m) => escapeMarkdown(m.title));
      push(
        `| ${escapeMarkdown(threat.title)} | ${STRIDE_CATEGORY_LABELS[threat.category]} | ${escapeMarkdown(target)} | ${THREAT_STATUS_LABELS[threat.status]} | ${threat.severity ? THREAT_SEVERITY_LABELS[threat.severity] : "not rated"} | ${threat.response ? THREAT_RESPONSE_LABELS[threat.response] : ""} | ${linked.join("; ")} |`,
      );
    }
    push("");
  }

  push(`## Mitigations (${mitigations.length})`, "");
  for (const mitigation of mitigations) {
    push(
      `- **${escapeMarkdown(mitigation.title)}**: ${MITIGATION_STATUS_LABELS[mitigation.status]}${mitigation.owner ? `, ${escapeMarkdown(mitigation.owner)}` : ""}`,
    );
  }
  push("");

  const items = listNoteItems(doc);
  if (items.length > 0) {
    push("## Decisions and action items", "");
    for (const item of items) {
      push(
        `- ${item.type === "decision" ? "Decision" : "Action"}: ${escapeMarkdown(item.text)}${item.assignee ? ` (${escapeMarkdown(item.assignee)})` : ""}`,
      );
    }
    push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
