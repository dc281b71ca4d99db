import type * as Y from "yjs";
import { LIMITS } from "@/lib/limits";
import { addContextItem } from "@/lib/model/context";
import { addDiagram, listDiagrams, updateDiagram } from "@/lib/model/diagrams";
import { addElement } from "@/lib/model/elements";
import { addFlow } from "@/lib/model/flows";
import { setDescription } from "@/lib/model/meta";
import { addMitigation } from "@/lib/model/mitigations";
import { addThreat } from "@/lib/model/threats";
import { stripControlCharacters } from "@/lib/text";
import type { ImportedElement, ImportedModel, ImportReport } from "./imported-model";

/** `text` cut to `limit` characters, with a mark when something was cut. */
function clip(text: string, limit: number): string {
  const clean = stripControlCharacters(text);
  return clean.length <= limit ? clean : `${clean.slice(0, limit - 1)}…`;
}

/** A description with the file's extra fields appended as text, within the field's limit. */
function describe(description: string, notes: string[], format: string): string {
  const extra =
    notes.length > 0
      ? `\n\nFrom the ${format} file:\n${notes.map((n) => `- ${n}`).join("\n")}`
      : "";
  return clip(`${description}${extra}`.trim(), LIMITS.longTextLength);
}

/** A readable name for the report. */
function nameOf(element: { name: string; key: string }): string {
  return element.name ? `“${element.name}”` : element.key;
}

/**
 * Writes an imported model into a document that initializeDocument has just set up (one empty
 * diagram, reused for the first imported one), in one transaction: diagrams, elements, flows,
 * threats, mitigations with their links to threats. What the model cannot hold is refused and reported, never
 * dropped silently: a flow whose end is not an element, a threat whose target is missing (kept,
 * on the whole model). Returns the import's report, completed with what was written.
 */
export function buildImportedDocument(
  doc: Y.Doc,
  imported: ImportedModel,
  authorId: string,
): ImportReport {
  const report: ImportReport = {
    ...imported.report,
    mapped: { diagrams: 0, elements: 0, flows: 0, threats: 0, mitigations: 0 },
    keptAsText: [...imported.report.keptAsText],
    refused: [...imported.report.refused],
  };
  const ids = new Map<string, string>();
  const kinds = new Map<string, ImportedElement["kind"]>();
  doc.transact(() => {
    if (imported.description.trim()) {
      setDescription(doc, clip(imported.description.trim(), LIMITS.longTextLength));
    }
    const initial = listDiagrams(doc)[0]?.id ?? null;
    imported.diagrams.forEach((diagram, index) => {
      const title = clip(diagram.title || `Diagram ${index + 1}`, 200);
      let diagramId: string;
      if (index === 0 && initial) {
        diagramId = initial;
        updateDiagram(doc, diagramId, { title });
      } else {
        diagramId = addDiagram(doc, { title, layer: 0 });
      }
      report.mapped.diagrams += 1;
      for (const element of diagram.elements) {
        const common = {
          diagramId,
          name: clip(element.name, LIMITS.elementNameLength),
          description: describe(element.description, element.notes, imported.format),
          x: element.x,
          y: element.y,
          width: element.width,
          height: element.height,
          outOfScope: element.outOfScope,
          outOfScopeReason: clip(element.outOfScopeReason, LIMITS.longTextLength),
        };
        const sized = {
          ...common,
          width: Math.max(1, Math.abs(element.width)),
          height: Math.max(1, Math.abs(element.height)),
        };
        const context = element.context ?? {};
        let id: string;
        switch (element.kind) {
          case "trust-boundary":
            id = addElement(doc, { ...common, kind: element.kind, shape: element.shape ?? "box" });
            break;
          case "data-store":
            id = addElement(doc, {
              ...sized,
              kind: element.kind,
              holdsLogs: context.holdsLogs ?? false,
              holdsCredentials: context.holdsCredentials ?? false,
              encrypted: context.encrypted ?? null,
              signed: context.signed ?? null,
            });
            break;
          case "external-entity":
            id = addElement(doc, { ...sized, kind: element.kind, party: context.party ?? null });
            break;
          case "process":
            id = addElement(doc, { ...sized, kind: element.kind });
            break;
        }
        ids.set(element.key, id);
        kinds.set(element.key, element.kind);
        report.mapped.elements += 1;
      }
      for (const flow of diagram.flows) {
        const sourceId = ids.get(flow.sourceKey);
        const targetId = ids.get(flow.targetKey);
        const ends = [kinds.get(flow.sourceKey), kinds.get(flow.targetKey)];
        if (!sourceId || !targetId || ends.includes("trust-boundary")) {
          report.refused.push(
            `Flow ${nameOf(flow)}: an end is not an element of its diagram (a free point or a boundary)`,
          );
          continue;
        }
        const id = addFlow(doc, {
          sourceId,
          targetId,
          name: clip(flow.name, LIMITS.elementNameLength),
          protocol: clip(flow.protocol, LIMITS.shortTextLength),
          encrypted: flow.encrypted,
          bidirectional: flow.bidirectional,
          outOfScope: flow.outOfScope,
          outOfScopeReason: clip(
            [flow.outOfScopeReason, describe(flow.description, flow.notes, imported.format)]
              .filter(Boolean)
              .join("\n\n"),
            LIMITS.longTextLength,
          ),
        });
        ids.set(flow.key, id);
        report.mapped.flows += 1;
      }
    });
    const threatIds = new Map<string, string>();
    for (const threat of imported.threats) {
      const targetId = threat.targetKey === null ? null : (ids.get(threat.targetKey) ?? null);
      if (threat.targetKey !== null && targetId === null) {
        report.keptAsText.push(
          `Threat “${threat.title}”: what it applied to was not imported; it is on the whole model`,
        );
      }
      const threatId = addThreat(
        doc,
        {
          title: clip(threat.title, LIMITS.threatTitleLength) || "Untitled threat",
          category: threat.category,
          status: threat.status,
          severity: threat.severity,
          response: threat.response === "accept" ? null : threat.response,
          description: clip(threat.description, LIMITS.threatDescriptionLength),
          targetId,
          origin: { kind: "imported", source: imported.format },
        },
        authorId,
      );
      report.mapped.threats += 1;
      threatIds.set(threat.key, threatId);
    }
    for (const mitigation of imported.mitigations ?? []) {
      addMitigation(
        doc,
        {
          title: clip(mitigation.title, LIMITS.mitigationTitleLength) || "Untitled mitigation",
          description: clip(mitigation.description, LIMITS.longTextLength),
          status: mitigation.status,
          threatIds: [
            ...new Set(
              mitigation.threatKeys.flatMap((key) => {
                const id = threatIds.get(key);
                return id ? [id] : [];
              }),
            ),
          ],
        },
        authorId,
      );
      report.mapped.mitigations += 1;
    }
    const lists = imported.context ?? {};
    for (const name of ["assumptions", "assets", "dependencies"] as const) {
      for (const text of lists[name] ?? []) {
        const clean = clip(text.trim(), LIMITS.contextItemLength);
        if (clean) addContextItem(doc, name, clean);
      }
    }
  });
  return report;
}
