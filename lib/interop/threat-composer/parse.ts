import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ThreatSeverity, ThreatStatus } from "@/lib/model/threats";
import {
  emptyReport,
  type ImportedMitigation,
  type ImportedModel,
  type ImportedThreat,
} from "../imported-model";
import { categoryFromLetter } from "../stride-names";

/**
 * AWS threat-composer workspaces (.tc.json, schema 1) read into an ImportedModel. Pure. A
 * workspace has no diagram: its threats apply to the whole model, its mitigations keep their
 * links to threats, its assumptions become the model's assumptions, and its application,
 * architecture and data-flow descriptions become the model's description.
 */

const text = z.string().catch("");
const metadataSchema = z.array(z.object({ key: z.string(), value: z.unknown() }).loose()).catch([]);
const threatSchema = z
  .object({
    id: z.string(),
    statement: text.optional(),
    threatSource: text.optional(),
    prerequisites: text.optional(),
    threatAction: text.optional(),
    threatImpact: text.optional(),
    impactedAssets: z.array(z.string()).catch([]).optional(),
    status: text.optional(),
    tags: z.array(z.string()).catch([]).optional(),
    metadata: metadataSchema.optional(),
  })
  .loose();
const mitigationSchema = z
  .object({
    id: z.string(),
    content: text,
    status: text.optional(),
    metadata: metadataSchema.optional(),
  })
  .loose();
const fileSchema = z
  .object({
    schema: z.number().optional(),
    applicationInfo: z
      .object({ name: text.optional(), description: text.optional() })
      .loose()
      .optional(),
    architecture: z.object({ description: text.optional() }).loose().optional(),
    dataflow: z.object({ description: text.optional() }).loose().optional(),
    threats: z.array(threatSchema),
    mitigations: z.array(mitigationSchema).optional(),
    mitigationLinks: z
      .array(z.object({ mitigationId: z.string(), linkedId: z.string() }).loose())
      .optional(),
    assumptions: z.array(z.object({ id: z.string(), content: text }).loose()).optional(),
  })
  .loose();

/** True when `value` looks like a threat-composer workspace. */
export function isThreatComposer(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const object = value as Record<string, unknown>;
  return (
    Array.isArray(object.threats) && ("applicationInfo" in object || "mitigationLinks" in object)
  );
}

const STATUS: Record<string, ThreatStatus> = {
  threatIdentified: "open",
  threatResolved: "mitigated",
  threatResolvedNotUseful: "not-applicable",
};
const SEVERITY: Record<string, ThreatSeverity> = {
  High: "important",
  Medium: "moderate",
  Low: "low",
};
const MITIGATION_STATUS: Record<string, ImportedMitigation["status"]> = {
  mitigationIdentified: "proposed",
  mitigationInProgress: "in-progress",
  mitigationResolved: "implemented",
  mitigationResolvedWillNotAction: "abandoned",
};

function metadataValue(metadata: { key: string; value: unknown }[] | undefined, key: string) {
  return metadata?.find((entry) => entry.key === key)?.value;
}

/** Reads a threat-composer workspace's JSON; throws AppError("bad_request") saying what is wrong. */
export function parseThreatComposer(json: unknown): ImportedModel {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "bad_request",
      `Not a threat-composer workspace: ${issue?.path.join(".") || "the file"}: ${issue?.message ?? "unreadable"}`,
    );
  }
  const file = parsed.data;
  const report = emptyReport();
  const seen = new Set<string>();
  const threats: ImportedThreat[] = file.threats.map((threat, index) => {
    if (seen.has(threat.id))
      throw new AppError("bad_request", `Two threats have the id ${threat.id}`);
    seen.add(threat.id);
    const statement =
      threat.statement?.trim() ||
      [threat.threatSource, threat.prerequisites, threat.threatAction, threat.threatImpact]
        .filter(Boolean)
        .join(" ") ||
      `Threat ${index + 1}`;
    const stride = metadataValue(threat.metadata, "STRIDE");
    const letters = Array.isArray(stride)
      ? stride.filter((l): l is string => typeof l === "string")
      : [];
    const category = letters.map(categoryFromLetter).find((found) => found !== null);
    const notes: string[] = [];
    if (!category) {
      report.keptAsText.push(
        `Threat ${index + 1}: no STRIDE category; filed as information disclosure`,
      );
    } else if (letters.length > 1) {
      notes.push(`STRIDE in threat-composer: ${letters.join(", ")}`);
    }
    if (threat.impactedAssets?.length)
      notes.push(`Impacted assets: ${threat.impactedAssets.join(", ")}`);
    if (threat.tags?.length) notes.push(`Tags: ${threat.tags.join(", ")}`);
    const comments = metadataValue(threat.metadata, "Comments");
    if (typeof comments === "string" && comments.trim()) notes.push(`Comments: ${comments}`);
    const priority = metadataValue(threat.metadata, "Priority");
    return {
      key: threat.id,
      targetKey: null,
      title: statement,
      category: category ?? "information-disclosure",
      status: STATUS[threat.status ?? ""] ?? "open",
      severity: typeof priority === "string" ? (SEVERITY[priority] ?? null) : null,
      response: null,
      description: [statement, ...notes].join("\n\n"),
    };
  });
  const links = file.mitigationLinks ?? [];
  const mitigations: ImportedMitigation[] = (file.mitigations ?? []).map((mitigation) => {
    const comments = metadataValue(mitigation.metadata, "Comments");
    return {
      key: mitigation.id,
      title: mitigation.content.split("\n")[0] ?? mitigation.content,
      description: [mitigation.content, typeof comments === "string" ? comments : ""]
        .filter(Boolean)
        .join("\n\n"),
      status: MITIGATION_STATUS[mitigation.status ?? ""] ?? "proposed",
      threatKeys: links
        .filter((link) => link.mitigationId === mitigation.id && seen.has(link.linkedId))
        .map((link) => link.linkedId),
    };
  });
  const info = file.applicationInfo ?? {};
  return {
    format: "threat-composer",
    title: info.name?.trim() || "Imported threat-composer workspace",
    description: [
      info.description ?? "",
      file.architecture?.description ? `Architecture: ${file.architecture.description}` : "",
      file.dataflow?.description ? `Data flow: ${file.dataflow.description}` : "",
    ]
      .filter(Boolean)
      .join("\n\n"),
    diagrams: [],
    threats,
    mitigations,
    context: { assumptions: (file.assumptions ?? []).map((assumption) => assumption.content) },
    report,
  };
}
