import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { StrideCategory, ThreatSeverity, ThreatStatus } from "@/lib/model/threats";
import {
  emptyReport,
  type ImportedDiagram,
  type ImportedElement,
  type ImportedFlow,
  type ImportedMitigation,
  type ImportedModel,
  type ImportedThreat,
} from "../imported-model";
import { categoryFromName } from "../stride-names";

/**
 * OWASP Threat Dragon models, version 2 (AntV X6 cells, `detail.diagrams[].cells`) and
 * version 1 (JointJS, `detail.diagrams[].diagramJson.cells`), read into an ImportedModel.
 * Pure: no I/O. Lenient about what real files carry (legacy severities like "TBA", the
 * misspelt `trust-broundary-curve` shape), strict about what would make the model wrong:
 * wrong types, two cells with one id, a flow naming a cell that is not there.
 */

const text = z.string().catch("");
const point = z.object({ x: z.number(), y: z.number() });
const end = z.union([
  z.object({ cell: z.string() }).loose(),
  z.object({ id: z.string() }).loose(),
  point.loose(),
]);

const threatSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    title: text,
    type: text,
    status: text,
    severity: text,
    description: text,
    mitigation: text,
    score: z.union([z.string(), z.number()]).optional(),
    modelType: text.optional(),
  })
  .loose();

const cellSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    shape: z.string().optional(),
    type: z.string().optional(),
    position: point.optional(),
    size: z.object({ width: z.number(), height: z.number() }).optional(),
    source: end.optional(),
    target: end.optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    labels: z.array(z.unknown()).optional(),
    threats: z.array(z.unknown()).optional(),
  })
  .loose();
type Cell = z.infer<typeof cellSchema>;

const diagramSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    title: text,
    description: text.optional(),
    diagramType: text.optional(),
    cells: z.array(cellSchema).optional(),
    diagramJson: z
      .object({ cells: z.array(cellSchema) })
      .loose()
      .optional(),
  })
  .loose();

const fileSchema = z
  .object({
    version: z.string().optional(),
    summary: z
      .object({ title: text, owner: text.optional(), description: text.optional() })
      .loose(),
    detail: z
      .object({
        diagrams: z.array(diagramSchema),
        contributors: z.array(z.unknown()).optional(),
        reviewer: text.optional(),
      })
      .loose(),
  })
  .loose();

/** True when `value` looks like a Threat Dragon model (either version). */
export function isThreatDragonModel(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const detail = (value as { detail?: { diagrams?: unknown } }).detail;
  return (
    typeof (value as { summary?: unknown }).summary === "object" && Array.isArray(detail?.diagrams)
  );
}

/** CIA and DIE threat types, by the STRIDE property they threaten. */
const CATEGORY_BY_OTHER_TYPE: Record<string, StrideCategory> = {
  confidentiality: "information-disclosure",
  integrity: "tampering",
  availability: "denial-of-service",
  distributed: "denial-of-service",
  immutable: "tampering",
  ephemeral: "tampering",
};

const STATUS_BY_NAME: Record<string, ThreatStatus> = {
  open: "open",
  mitigated: "mitigated",
  notapplicable: "not-applicable",
  "not applicable": "not-applicable",
  eliminated: "mitigated",
};

const SEVERITY_BY_NAME: Record<string, ThreatSeverity> = {
  critical: "critical",
  high: "important",
  medium: "moderate",
  low: "low",
};

/** Reads a Threat Dragon file's JSON; throws AppError("bad_request") saying what is wrong. */
export function parseThreatDragon(json: unknown): ImportedModel {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "bad_request",
      `Not a Threat Dragon model: ${issue?.path.join(".") || "the file"}: ${issue?.message ?? "unreadable"}`,
    );
  }
  const file = parsed.data;
  const isVersion1 = file.detail.diagrams.some((diagram) => diagram.diagramJson !== undefined);
  const format = isVersion1 ? "threat-dragon-v1" : "threat-dragon-v2";
  const report = emptyReport();
  const threats: ImportedThreat[] = [];
  const mitigations: ImportedMitigation[] = [];
  const seen = new Set<string>();
  const diagrams: ImportedDiagram[] = file.detail.diagrams.map((diagram, index) => {
    const cells = diagram.cells ?? diagram.diagramJson?.cells ?? [];
    for (const cell of cells) {
      if (seen.has(cell.id)) {
        throw new AppError("bad_request", `Two cells have the id ${cell.id}: the file is damaged`);
      }
      seen.add(cell.id);
    }
    const ids = new Set(cells.map((cell) => cell.id));
    const elements: ImportedElement[] = [];
    const flows: ImportedFlow[] = [];
    for (const cell of cells) {
      const type = String(cell.data?.type ?? cell.type ?? "");
      const data = { ...cell, ...(cell.data ?? {}) } as Record<string, unknown>;
      const name = nameOf(cell);
      for (const raw of arrayOf(data.threats)) {
        const threat = threatSchema.safeParse(raw);
        if (!threat.success) {
          report.refused.push(`A threat on ${describeCell(name, cell.id)}: not a threat object`);
          continue;
        }
        const mapped = mapThreat(threat.data, cell.id, report, threats.length);
        threats.push(mapped);
        // Threat Dragon keeps one mitigation text per threat.
        const text = threat.data.mitigation.trim();
        if (text) {
          mitigations.push({
            key: `${mapped.key}:mitigation`,
            title: text.split("\n")[0]?.trim() || text,
            description: text,
            status: "proposed",
            threatKeys: [mapped.key],
          });
        }
      }
      if (type === "tm.Flow" || cell.shape === "flow") {
        const sourceKey = endKey(cell.source);
        const targetKey = endKey(cell.target);
        for (const key of [sourceKey, targetKey]) {
          if (key !== null && !ids.has(key)) {
            throw new AppError(
              "bad_request",
              `Flow ${describeCell(name, cell.id)} points at ${key}, which is not in its diagram`,
            );
          }
        }
        // A flow may start or end at a free point on the canvas: something outside the
        // diagram, which an external entity stands for here.
        const standIn = (at: unknown, role: "source" | "target") => {
          const spot = point.safeParse(at).data ?? { x: 0, y: 0 };
          const key = `${cell.id}:${role}`;
          elements.push({
            key,
            kind: "external-entity",
            name: `${role === "source" ? "Source" : "Destination"} of ${name || "a flow"}`,
            description: "",
            x: spot.x - 40,
            y: spot.y - 20,
            width: 80,
            height: 40,
            outOfScope: false,
            outOfScopeReason: "",
            notes: ["The Threat Dragon flow ended at a free point here"],
          });
          report.keptAsText.push(
            `Flow ${describeCell(name, cell.id)}: its ${role} was a free point; an external entity stands for it`,
          );
          return key;
        };
        flows.push({
          key: cell.id,
          sourceKey: sourceKey ?? standIn(cell.source, "source"),
          targetKey: targetKey ?? standIn(cell.target, "target"),
          name,
          description: stringOf(data.description),
          protocol: stringOf(data.protocol),
          encrypted: typeof data.isEncrypted === "boolean" ? data.isEncrypted : null,
          bidirectional: data.isBidirectional === true,
          outOfScope: data.outOfScope === true,
          outOfScopeReason: stringOf(data.reasonOutOfScope),
          notes: extraNotes(data, ["isPublicNetwork"]),
        });
        continue;
      }
      const element = mapNode(cell, type, data, name);
      if (element) elements.push(element);
      else if (type === "tm.Text" || cell.shape === "td-text-block") {
        if (name) report.keptAsText.push(`Text on “${diagram.title}”: ${name}`);
      } else {
        report.refused.push(`${describeCell(name, cell.id)}: unknown kind ${type || cell.shape}`);
      }
    }
    return {
      key: String(diagram.id ?? index),
      title: diagram.title,
      description: diagram.description ?? "",
      elements,
      flows,
    };
  });
  const summary = file.summary;
  const people = [
    summary.owner ? `Owner: ${summary.owner}` : "",
    file.detail.reviewer ? `Reviewer: ${file.detail.reviewer}` : "",
  ].filter(Boolean);
  if (people.length > 0)
    report.keptAsText.push(`${people.join("; ")} (in the model's description)`);
  return {
    format,
    title: summary.title.trim() || "Imported model",
    description: [summary.description ?? "", ...people].filter(Boolean).join("\n\n"),
    diagrams,
    threats,
    mitigations,
    report,
  };
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function describeCell(name: string, id: string): string {
  return name ? `“${name}”` : id;
}

/** The cell's label: v2 keeps it in data.name, v1 in attrs.text.text or the first label. */
function nameOf(cell: Cell): string {
  const fromData = cell.data?.name;
  if (typeof fromData === "string") return fromData.replace(/\s*\n\s*/g, " ").trim();
  const attrs = cell.attrs as { text?: { text?: unknown } } | undefined;
  const label = (cell.labels?.[0] as { attrs?: { text?: { text?: unknown } } } | undefined)?.attrs
    ?.text?.text;
  const value = attrs?.text?.text ?? label;
  return typeof value === "string" ? value.replace(/\s*\n\s*/g, " ").trim() : "";
}

/** The cell id a flow's end names, or null for a free point. */
function endKey(value: Cell["source"]): string | null {
  if (!value) return null;
  if ("cell" in value && typeof value.cell === "string") return value.cell;
  if ("id" in value && typeof value.id === "string") return value.id;
  return null;
}

/** Fields of the node with no place in our model, kept as "name: value" lines. */
function extraNotes(data: Record<string, unknown>, names: string[]): string[] {
  return names
    .filter((name) => data[name] !== undefined && data[name] !== "" && data[name] !== false)
    .map((name) => `${name}: ${String(data[name])}`);
}

function mapNode(
  cell: Cell,
  type: string,
  data: Record<string, unknown>,
  name: string,
): ImportedElement | null {
  const position = cell.position ?? { x: 0, y: 0 };
  const size = cell.size ?? { width: 160, height: 80 };
  const common = {
    key: cell.id,
    name,
    description: stringOf(data.description),
    x: position.x,
    y: position.y,
    width: size.width,
    height: size.height,
    outOfScope: data.outOfScope === true,
    outOfScopeReason: stringOf(data.reasonOutOfScope),
  };
  if (type === "tm.Actor" || cell.shape === "actor") {
    return {
      ...common,
      kind: "external-entity",
      notes: extraNotes(data, ["providesAuthentication"]),
    };
  }
  if (type === "tm.Process" || cell.shape === "process") {
    return {
      ...common,
      kind: "process",
      notes: extraNotes(data, [
        "privilegeLevel",
        "isWebApplication",
        "handlesCardPayment",
        "handlesGoodsOrServices",
      ]),
    };
  }
  if (type === "tm.Store" || cell.shape === "store") {
    return {
      ...common,
      kind: "data-store",
      notes: extraNotes(data, ["storesInventory"]),
      context: {
        holdsLogs: data.isALog === true,
        holdsCredentials: data.storesCredentials === true,
        encrypted: typeof data.isEncrypted === "boolean" ? data.isEncrypted : null,
        signed: typeof data.isSigned === "boolean" ? data.isSigned : null,
      },
    };
  }
  if (type === "tm.BoundaryBox" || cell.shape === "trust-boundary-box") {
    return { ...common, kind: "trust-boundary", shape: "box", notes: [] };
  }
  if (
    type === "tm.Boundary" ||
    cell.shape === "trust-boundary-curve" ||
    cell.shape === "trust-broundary-curve"
  ) {
    const from = point.safeParse(cell.source).data ?? null;
    const to = point.safeParse(cell.target).data ?? null;
    if (!from || !to) return null;
    return {
      ...common,
      kind: "trust-boundary",
      shape: "line",
      x: from.x,
      y: from.y,
      width: to.x - from.x,
      height: to.y - from.y,
      notes: [],
    };
  }
  return null;
}

function mapThreat(
  threat: z.infer<typeof threatSchema>,
  targetKey: string,
  report: ImportedModel["report"],
  index: number,
): ImportedThreat {
  const title = threat.title.trim() || `Threat ${index + 1}`;
  const typeName = threat.type.trim().toLowerCase();
  let category = categoryFromName(typeName) ?? CATEGORY_BY_OTHER_TYPE[typeName];
  const notes: string[] = [];
  if (!category) {
    category = "information-disclosure";
    notes.push(`Type in Threat Dragon: ${threat.type || "none"} (${threat.modelType ?? "?"})`);
    report.keptAsText.push(
      `Threat “${title}”: type ${threat.type || "none"} is not a STRIDE category; kept in its description`,
    );
  }
  const statusName = threat.status.trim().toLowerCase();
  let status = STATUS_BY_NAME[statusName] ?? "open";
  let response: ImportedThreat["response"] = null;
  if (statusName === "transferred") response = "transfer";
  if (statusName === "avoided") response = "avoid";
  if (statusName === "eliminated") response = "avoid";
  if (statusName === "accepted") {
    status = "open";
    notes.push("Accepted in Threat Dragon: record the acceptance here, with who approved it");
    report.keptAsText.push(
      `Threat “${title}”: accepted in Threat Dragon without an approver; noted in its description`,
    );
  }
  const severity = SEVERITY_BY_NAME[threat.severity.trim().toLowerCase()] ?? null;
  if (threat.score !== undefined && String(threat.score).trim() !== "") {
    notes.push(`Score: ${String(threat.score)}`);
  }
  return {
    // The position in the file, not Threat Dragon's id: ids are not checked to be unique.
    key: `${targetKey}:${index}`,
    targetKey,
    title,
    category,
    status,
    severity,
    response,
    description: [threat.description.trim(), ...notes].filter(Boolean).join("\n\n"),
  };
}
