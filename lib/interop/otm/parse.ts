import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ThreatSeverity, ThreatStatus } from "@/lib/model/threats";
import {
  emptyReport,
  type ImportedElement,
  type ImportedFlow,
  type ImportedMitigation,
  type ImportedModel,
  type ImportedThreat,
} from "../imported-model";
import { categoryFromName } from "../stride-names";

/**
 * Open Threat Model (OTM 0.x) JSON read into an ImportedModel. Pure. Trust zones become
 * boundary boxes; components become processes, data stores or external entities by their type
 * and tags; data flows keep their ends and direction; each threat attached to a component or
 * flow becomes a threat on it (one catalog threat attached twice arrives twice), catalog
 * threats attached nowhere apply to the whole model; mitigations keep their links.
 */

const text = z.string().catch("");
const placement = z
  .object({
    representation: z.string(),
    position: z.object({ x: z.number(), y: z.number() }).optional(),
    size: z.object({ width: z.number(), height: z.number() }).optional(),
  })
  .loose();
const attachment = z
  .object({
    threat: z.string(),
    state: text.optional(),
    mitigations: z
      .array(z.object({ mitigation: z.string(), state: text.optional() }).loose())
      .nullable()
      .optional(),
  })
  .loose();
const fileSchema = z
  .object({
    otmVersion: z.string(),
    project: z
      .object({
        name: text,
        description: text.nullable().optional(),
        owner: text.nullable().optional(),
      })
      .loose(),
    representations: z
      .array(z.object({ id: z.string(), name: text, type: text }).loose())
      .nullable()
      .optional(),
    trustZones: z
      .array(
        z
          .object({
            id: z.string(),
            name: text,
            description: text.nullable().optional(),
            representations: z.array(placement).nullable().optional(),
          })
          .loose(),
      )
      .nullable()
      .optional(),
    components: z
      .array(
        z
          .object({
            id: z.string(),
            name: text,
            type: text.nullable().optional(),
            description: text.nullable().optional(),
            tags: z.array(z.string()).nullable().optional(),
            representations: z.array(placement).nullable().optional(),
            threats: z.array(attachment).nullable().optional(),
          })
          .loose(),
      )
      .nullable()
      .optional(),
    dataflows: z
      .array(
        z
          .object({
            id: z.string(),
            name: text,
            source: z.string(),
            destination: z.string(),
            bidirectional: z.boolean().nullable().optional(),
            threats: z.array(attachment).nullable().optional(),
          })
          .loose(),
      )
      .nullable()
      .optional(),
    threats: z
      .array(
        z
          .object({
            id: z.string(),
            name: text,
            description: text.nullable().optional(),
            categories: z.array(z.string()).nullable().optional(),
            cwes: z.array(z.string()).nullable().optional(),
            risk: z
              .object({
                likelihood: z.number().nullable().optional(),
                impact: z.number().nullable().optional(),
              })
              .loose()
              .nullable()
              .optional(),
          })
          .loose(),
      )
      .nullable()
      .optional(),
    mitigations: z
      .array(
        z.object({ id: z.string(), name: text, description: text.nullable().optional() }).loose(),
      )
      .nullable()
      .optional(),
    assets: z
      .array(z.object({ name: text, description: text.nullable().optional() }).loose())
      .nullable()
      .optional(),
  })
  .loose();

/** True when `value` looks like an OTM document. */
export function isOtm(value: unknown): boolean {
  return typeof value === "object" && value !== null && "otmVersion" in value;
}

const STATUS: Record<string, ThreatStatus> = {
  mitigated: "mitigated",
  "not-applicable": "not-applicable",
  notapplicable: "not-applicable",
};

/** Likelihood x impact (each 0-100) on the bug bar. */
function severityOf(
  risk: { likelihood?: number | null; impact?: number | null } | null | undefined,
): ThreatSeverity | null {
  if (!risk || typeof risk.likelihood !== "number" || typeof risk.impact !== "number") return null;
  const score = (risk.likelihood * risk.impact) / 100;
  if (score >= 70) return "critical";
  if (score >= 40) return "important";
  if (score >= 15) return "moderate";
  return "low";
}

/** What kind of element a component is, from its type and tags. */
function kindOf(type: string, tags: string[]): ImportedElement["kind"] {
  const words = [type, ...tags].join(" ").toLowerCase();
  if (/\b(external|client|user|actor|browser|person|third.?party)\b/.test(words))
    return "external-entity";
  if (
    /(database|\bdb\b|store|storage|bucket|queue|cache|s3|rds|dynamo|postgres|mysql|redis|file)/.test(
      words,
    )
  ) {
    return "data-store";
  }
  return "process";
}

/** Reads an OTM document's JSON; throws AppError("bad_request") saying what is wrong. */
export function parseOtm(json: unknown): ImportedModel {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "bad_request",
      `Not an Open Threat Model document: ${issue?.path.join(".") || "the file"}: ${issue?.message ?? "unreadable"}`,
    );
  }
  const file = parsed.data;
  const report = emptyReport();
  const diagram = (file.representations ?? []).find((r) => r.type === "diagram");
  const placed = (list: z.infer<typeof placement>[] | null | undefined) =>
    (list ?? []).find((p) => p.representation === diagram?.id && p.position);
  const ids = new Set<string>();
  const claim = (id: string) => {
    if (ids.has(id)) throw new AppError("bad_request", `Two parts of the model have the id ${id}`);
    ids.add(id);
  };
  const elements: ImportedElement[] = [];
  let unplaced = 0;
  const positionOf = (
    list: z.infer<typeof placement>[] | null | undefined,
    size: { width: number; height: number },
  ) => {
    const at = placed(list);
    if (at?.position) return { ...at.position, ...(at.size ?? size) };
    const slot = unplaced++;
    return { x: 40 + (slot % 5) * 220, y: 1200 + Math.floor(slot / 5) * 140, ...size };
  };
  for (const zone of file.trustZones ?? []) {
    claim(zone.id);
    elements.push({
      key: zone.id,
      kind: "trust-boundary",
      shape: "box",
      name: zone.name,
      description: zone.description ?? "",
      ...positionOf(zone.representations, { width: 400, height: 300 }),
      outOfScope: false,
      outOfScopeReason: "",
      notes: [],
    });
  }
  const catalog = new Map((file.threats ?? []).map((threat) => [threat.id, threat]));
  const threats: ImportedThreat[] = [];
  const mitigationLinks = new Map<string, { threatKeys: string[]; states: string[] }>();
  const attach = (
    targetKey: string,
    targetName: string,
    list: z.infer<typeof attachment>[] | null | undefined,
  ) => {
    for (const [index, entry] of (list ?? []).entries()) {
      const threat = catalog.get(entry.threat);
      if (!threat) {
        throw new AppError(
          "bad_request",
          `“${targetName}” names threat ${entry.threat}, which is not in the file`,
        );
      }
      const key = `${targetKey}:${entry.threat}:${index}`;
      threats.push(mapThreat(threat, key, targetKey, entry.state ?? "", report));
      for (const link of entry.mitigations ?? []) {
        const known = mitigationLinks.get(link.mitigation) ?? { threatKeys: [], states: [] };
        known.threatKeys.push(key);
        known.states.push(link.state ?? "");
        mitigationLinks.set(link.mitigation, known);
      }
    }
  };
  const attachedThreats = new Set<string>();
  for (const component of file.components ?? []) {
    claim(component.id);
    const type = component.type ?? "";
    elements.push({
      key: component.id,
      kind: kindOf(type, component.tags ?? []),
      name: component.name,
      description: component.description ?? "",
      ...positionOf(component.representations, { width: 160, height: 80 }),
      outOfScope: false,
      outOfScopeReason: "",
      notes: [
        type ? `Type: ${type}` : "",
        component.tags?.length ? `Tags: ${component.tags.join(", ")}` : "",
      ].filter(Boolean),
    });
    attach(component.id, component.name, component.threats);
    for (const entry of component.threats ?? []) attachedThreats.add(entry.threat);
  }
  const flows: ImportedFlow[] = [];
  for (const flow of file.dataflows ?? []) {
    claim(flow.id);
    for (const end of [flow.source, flow.destination]) {
      if (!elements.some((element) => element.key === end && element.kind !== "trust-boundary")) {
        throw new AppError(
          "bad_request",
          `Data flow “${flow.name || flow.id}” points at ${end}, which is not a component`,
        );
      }
    }
    flows.push({
      key: flow.id,
      sourceKey: flow.source,
      targetKey: flow.destination,
      name: flow.name,
      description: "",
      protocol: "",
      encrypted: null,
      bidirectional: flow.bidirectional === true,
      outOfScope: false,
      outOfScopeReason: "",
      notes: [],
    });
    attach(flow.id, flow.name, flow.threats);
    for (const entry of flow.threats ?? []) attachedThreats.add(entry.threat);
  }
  for (const threat of file.threats ?? []) {
    if (!attachedThreats.has(threat.id))
      threats.push(mapThreat(threat, threat.id, null, "", report));
  }
  const mitigations: ImportedMitigation[] = (file.mitigations ?? []).map((mitigation) => {
    const links = mitigationLinks.get(mitigation.id) ?? { threatKeys: [], states: [] };
    const implemented = links.states.filter((state) => state === "implemented").length;
    return {
      key: mitigation.id,
      title: mitigation.name,
      description: mitigation.description ?? "",
      status:
        links.states.length > 0 && implemented === links.states.length
          ? "implemented"
          : implemented > 0
            ? "in-progress"
            : "proposed",
      threatKeys: links.threatKeys,
    };
  });
  if (unplaced > 0) {
    report.keptAsText.push(
      `${unplaced} parts had no place on the diagram; they are set out below it`,
    );
  }
  return {
    format: "otm",
    title: file.project.name.trim() || "Imported Open Threat Model",
    description: [
      file.project.description ?? "",
      file.project.owner ? `Owner: ${file.project.owner}` : "",
    ]
      .filter(Boolean)
      .join("\n\n"),
    diagrams: [
      {
        key: diagram?.id ?? "diagram",
        title: diagram?.name || "Diagram",
        description: "",
        elements,
        flows,
      },
    ],
    threats,
    mitigations,
    context: {
      assets: (file.assets ?? []).map((asset) =>
        [asset.name, asset.description].filter(Boolean).join(": "),
      ),
    },
    report,
  };
}

function mapThreat(
  threat: {
    id: string;
    name: string;
    description?: string | null;
    categories?: string[] | null;
    cwes?: string[] | null;
    risk?: { likelihood?: number | null; impact?: number | null } | null;
  },
  key: string,
  targetKey: string | null,
  state: string,
  report: ImportedModel["report"],
): ImportedThreat {
  const categories = threat.categories ?? [];
  const category = categories.map(categoryFromName).find((found) => found !== null);
  const notes: string[] = [];
  if (categories.length > 1 || !category)
    notes.push(`Categories in OTM: ${categories.join(", ") || "none"}`);
  if (!category)
    report.keptAsText.push(
      `Threat “${threat.name}”: no STRIDE category; filed as information disclosure`,
    );
  if (threat.cwes?.length) notes.push(`CWE: ${threat.cwes.join(", ")}`);
  if (state) notes.push(`State in OTM: ${state}`);
  return {
    key,
    targetKey,
    title: threat.name || "Untitled threat",
    category: category ?? "information-disclosure",
    status: STATUS[state.toLowerCase()] ?? "open",
    severity: severityOf(threat.risk),
    response: null,
    description: [threat.description ?? "", ...notes].filter(Boolean).join("\n\n"),
  };
}
