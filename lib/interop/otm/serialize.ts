import type * as Y from "yjs";
import { listDiagrams } from "@/lib/model/diagrams";
import { listElements, type DiagramElement } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { getTitle } from "@/lib/model/meta";
import { listMitigations } from "@/lib/model/mitigations";
import { getMetaMap } from "@/lib/model/roots";
import { listThreats, STRIDE_CATEGORY_LABELS, type ThreatSeverity } from "@/lib/model/threats";

/**
 * A model as an Open Threat Model (OTM 0.2) document, which OTM's own schema validates. Pure.
 * Boundary boxes become trust zones, and each element belongs to the box that holds its
 * centre (elements outside every box to a zone of their own); each threat on an element or
 * flow is attached there, with its linked mitigations; threats on the whole model stay in the
 * catalogue only. Severity goes out as likelihood x impact.
 */

export const OTM_VERSION = "0.2.0";

/** Bug-bar severity as OTM's likelihood and impact (0-100). */
const RISK: Record<ThreatSeverity, { likelihood: number; impact: number }> = {
  critical: { likelihood: 90, impact: 90 },
  important: { likelihood: 70, impact: 70 },
  moderate: { likelihood: 50, impact: 50 },
  low: { likelihood: 30, impact: 30 },
  information: { likelihood: 10, impact: 10 },
};

const OUTSIDE_ZONE = "outside-every-boundary";

function holds(box: DiagramElement, element: DiagramElement): boolean {
  const x = element.x + element.width / 2;
  const y = element.y + element.height / 2;
  return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
}

export function serializeOtm(doc: Y.Doc, modelId: string): unknown {
  const diagrams = listDiagrams(doc);
  const elements = listElements(doc);
  const flows = listFlows(doc);
  const threats = listThreats(doc);
  const mitigations = listMitigations(doc);
  const boxes = elements.filter((e) => e.kind === "trust-boundary" && e.shape === "box");
  const placement = (element: DiagramElement) => [
    {
      representation: element.diagramId,
      id: `${element.id}-shape`,
      position: { x: element.x, y: element.y },
      size: { width: Math.abs(element.width), height: Math.abs(element.height) },
    },
  ];
  const attachments = (targetId: string) => {
    const list = threats
      .filter((threat) => threat.targetId === targetId)
      .map((threat) => ({
        threat: threat.id,
        state:
          threat.status === "mitigated"
            ? "mitigated"
            : threat.status === "not-applicable"
              ? "notApplicable"
              : "exposed",
        mitigations: mitigations
          .filter((mitigation) => mitigation.threatIds.includes(threat.id))
          .map((mitigation) => ({
            mitigation: mitigation.id,
            state: mitigation.status === "implemented" ? "implemented" : "required",
          })),
      }));
    return list.length > 0 ? list : null;
  };
  const members = elements.filter((e) => e.kind !== "trust-boundary");
  const zoneOf = (element: DiagramElement) =>
    boxes.find((box) => box.diagramId === element.diagramId && holds(box, element))?.id ??
    OUTSIDE_ZONE;
  const description = getMetaMap(doc).get("description");
  return {
    otmVersion: OTM_VERSION,
    project: {
      name: getTitle(doc),
      id: modelId,
      description: typeof description === "string" ? description : "",
    },
    representations: diagrams.map((diagram) => ({
      name: diagram.title,
      id: diagram.id,
      type: "diagram",
      size: { width: 2000, height: 1500 },
    })),
    trustZones: [
      ...boxes.map((box) => ({
        id: box.id,
        name: box.name || "Trust boundary",
        type: "trust-boundary",
        description: box.description,
        risk: { trustRating: 50 },
        representations: placement(box),
      })),
      ...(members.some((element) => zoneOf(element) === OUTSIDE_ZONE)
        ? [
            {
              id: OUTSIDE_ZONE,
              name: "Outside every boundary",
              type: "default",
              risk: { trustRating: 50 },
            },
          ]
        : []),
    ],
    components: members.map((element) => ({
      id: element.id,
      name: element.name,
      type: element.kind,
      description: element.description,
      parent: { trustZone: zoneOf(element) },
      representations: placement(element),
      threats: attachments(element.id),
      tags: [element.kind],
    })),
    dataflows: flows.map((flow) => ({
      id: flow.id,
      name: flow.name,
      bidirectional: flow.bidirectional,
      source: flow.sourceId,
      destination: flow.targetId,
      threats: attachments(flow.id),
      tags: flow.protocol ? [flow.protocol] : null,
    })),
    threats: threats.map((threat) => ({
      id: threat.id,
      name: threat.title,
      description: threat.description,
      categories: [STRIDE_CATEGORY_LABELS[threat.category]],
      risk: threat.severity ? RISK[threat.severity] : { likelihood: null, impact: 0 },
    })),
    mitigations: mitigations.map((mitigation) => ({
      id: mitigation.id,
      name: mitigation.title,
      description: mitigation.description,
      riskReduction:
        mitigation.effectiveness === "high" ? 75 : mitigation.effectiveness === "low" ? 25 : 50,
    })),
  };
}
