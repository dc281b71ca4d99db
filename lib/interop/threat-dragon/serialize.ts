import type * as Y from "yjs";
import { listDiagrams } from "@/lib/model/diagrams";
import { listElements, type DiagramElement } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { getTitle } from "@/lib/model/meta";
import { listMitigations } from "@/lib/model/mitigations";
import { getMetaMap } from "@/lib/model/roots";
import {
  listThreats,
  STRIDE_CATEGORY_LABELS,
  type Threat,
  type ThreatSeverity,
} from "@/lib/model/threats";

/**
 * A model as a Threat Dragon v2 file (what Threat Dragon 2.x opens; Threat Dragon's own
 * schema validates it). Pure. Elements become actors, processes, stores and boundary boxes or
 * curves at their positions; flows keep their ends; each threat goes on its element or flow
 * with its linked mitigations as Threat Dragon's one mitigation text. Threat Dragon has no
 * place for a threat on the whole model: those are listed in the model's description.
 */

/** The Threat Dragon version the file says it is from. */
const TD_VERSION = "2.3.0";

const SEVERITY: Record<ThreatSeverity, string> = {
  critical: "Critical",
  important: "High",
  moderate: "Medium",
  low: "Low",
  information: "Low",
};

function statusOf(threat: Threat): string {
  if (threat.status === "mitigated") return "Mitigated";
  if (threat.status === "not-applicable") return "NotApplicable";
  if (threat.response === "accept") return "Accepted";
  if (threat.response === "transfer") return "Transferred";
  if (threat.response === "avoid") return "Avoided";
  return "Open";
}

const NODE: Record<
  Exclude<DiagramElement["kind"], "trust-boundary">,
  { shape: string; type: string }
> = {
  "external-entity": { shape: "actor", type: "tm.Actor" },
  process: { shape: "process", type: "tm.Process" },
  "data-store": { shape: "store", type: "tm.Store" },
};

export function serializeThreatDragon(doc: Y.Doc): unknown {
  const threats = listThreats(doc);
  const mitigations = listMitigations(doc);
  const mitigationText = (threatId: string) =>
    mitigations
      .filter((mitigation) => mitigation.threatIds.includes(threatId))
      .map((mitigation) =>
        mitigation.description
          ? `${mitigation.title}: ${mitigation.description}`
          : mitigation.title,
      )
      .join("\n\n");
  let threatNumber = 0;
  const threatsOn = (targetId: string) =>
    threats
      .filter((threat) => threat.targetId === targetId)
      .map((threat) => ({
        id: threat.id,
        number: ++threatNumber,
        title: threat.title,
        type: STRIDE_CATEGORY_LABELS[threat.category],
        modelType: "STRIDE",
        status: statusOf(threat),
        severity: threat.severity ? SEVERITY[threat.severity] : "TBD",
        description: threat.description,
        mitigation: mitigationText(threat.id),
        score: "",
      }));
  const openOf = (list: { status: string }[]) => list.some((threat) => threat.status === "Open");

  const elements = listElements(doc);
  const flows = listFlows(doc);
  const diagrams = listDiagrams(doc).map((diagram, index) => {
    const cells: unknown[] = [];
    let zIndex = 0;
    for (const element of elements.filter((e) => e.diagramId === diagram.id)) {
      zIndex += 1;
      const common = {
        name: element.name,
        description: element.description,
        outOfScope: element.outOfScope,
        reasonOutOfScope: element.outOfScopeReason,
      };
      if (element.kind === "trust-boundary") {
        if (element.shape === "line") {
          cells.push({
            id: element.id,
            shape: "trust-boundary-curve",
            zIndex,
            connector: "smooth",
            source: { x: Math.round(element.x), y: Math.round(element.y) },
            target: {
              x: Math.round(element.x + element.width),
              y: Math.round(element.y + element.height),
            },
            vertices: [],
            attrs: {
              line: {
                stroke: "#333333",
                strokeWidth: 3,
                targetMarker: { name: "" },
                strokeDasharray: "10 5",
              },
            },
            data: {
              type: "tm.Boundary",
              name: element.name,
              description: element.description,
              isTrustBoundary: true,
              hasOpenThreats: false,
            },
          });
        } else {
          cells.push({
            id: element.id,
            shape: "trust-boundary-box",
            zIndex: -1,
            position: { x: element.x, y: element.y },
            size: { width: Math.max(10, element.width), height: Math.max(10, element.height) },
            data: {
              type: "tm.BoundaryBox",
              name: element.name,
              description: element.description,
              isTrustBoundary: true,
              hasOpenThreats: false,
            },
          });
        }
        continue;
      }
      const node = NODE[element.kind];
      const onIt = threatsOn(element.id);
      cells.push({
        id: element.id,
        shape: node.shape,
        zIndex,
        visible: true,
        position: { x: element.x, y: element.y },
        size: { width: Math.max(10, element.width), height: Math.max(10, element.height) },
        data: {
          type: node.type,
          ...common,
          isTrustBoundary: false,
          hasOpenThreats: openOf(onIt),
          threats: onIt,
          ...(element.kind === "data-store"
            ? {
                isALog: element.holdsLogs,
                storesCredentials: element.holdsCredentials,
                isEncrypted: element.encrypted === true,
                isSigned: element.signed === true,
              }
            : {}),
        },
      });
    }
    for (const flow of flows.filter((f) => f.diagramId === diagram.id)) {
      zIndex += 1;
      const onIt = threatsOn(flow.id);
      cells.push({
        id: flow.id,
        shape: "flow",
        zIndex,
        connector: "smooth",
        source: { cell: flow.sourceId },
        target: { cell: flow.targetId },
        vertices: [],
        labels: [{ position: 0.5, attrs: { label: { text: flow.name } } }],
        attrs: {
          line: {
            stroke: "#333333",
            strokeWidth: 1,
            targetMarker: { name: "block" },
            ...(flow.bidirectional ? { sourceMarker: { name: "block" } } : {}),
            strokeDasharray: flow.outOfScope ? "4 3" : null,
          },
        },
        data: {
          type: "tm.Flow",
          name: flow.name,
          description: "",
          outOfScope: flow.outOfScope,
          reasonOutOfScope: flow.outOfScopeReason,
          protocol: flow.protocol,
          isEncrypted: flow.encrypted === true,
          isPublicNetwork: false,
          isBidirectional: flow.bidirectional,
          isTrustBoundary: false,
          hasOpenThreats: openOf(onIt),
          threats: onIt,
        },
      });
    }
    return {
      id: index,
      title: diagram.title,
      diagramType: "STRIDE",
      placeholder: "New STRIDE diagram description",
      thumbnail: "./public/content/images/thumbnail.stride.jpg",
      version: TD_VERSION,
      description: "",
      cells,
    };
  });
  const onModel = threats.filter((threat) => threat.targetId === null);
  const description = getMetaMap(doc).get("description");
  return {
    version: TD_VERSION,
    summary: {
      title: getTitle(doc),
      owner: "",
      description: [
        typeof description === "string" ? description : "",
        onModel.length > 0
          ? `Threats on the whole model:\n${onModel.map((threat) => `- ${threat.title} (${STRIDE_CATEGORY_LABELS[threat.category]})`).join("\n")}`
          : "",
      ]
        .filter(Boolean)
        .join("\n\n"),
      id: 0,
    },
    detail: {
      contributors: [],
      diagrams,
      diagramTop: diagrams.length,
      reviewer: "",
      threatTop: threatNumber,
    },
  };
}
