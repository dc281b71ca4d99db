import { AppError } from "@/lib/errors";
import type { ThreatSeverity, ThreatStatus } from "@/lib/model/threats";
import {
  emptyReport,
  type ImportedDiagram,
  type ImportedElement,
  type ImportedFlow,
  type ImportedModel,
  type ImportedThreat,
} from "../imported-model";
import { categoryFromLetter, categoryFromName } from "../stride-names";
import { parseXmlSafely } from "../xml";

/**
 * Microsoft Threat Modeling Tool models (.tm7, DataContractSerializer XML, format 4.3) read
 * into an ImportedModel. Pure: no I/O. Refuses a DOCTYPE or entity declaration before any
 * parser sees the text (the XXE and entity-expansion vectors; the tool never writes them),
 * malformed XML and nesting deeper than MAX_TM7_DEPTH. Names are matched on local names, as
 * the prefixes vary. See ../../../README.md (Import) for what maps to what.
 */

/** Deepest element nesting read; the tool's own files stay well under it. */
export const MAX_TM7_DEPTH = 64;

/** Lists the parser must keep as arrays even with one entry. */
const ARRAYS = new Set([
  "DrawingSurfaceModel",
  "KeyValueOfguidanyType",
  "anyType",
  "KeyValueOfstringThreatpc_P0_PhOB",
  "KeyValueOfstringstring",
]);

type Node = Record<string, unknown>;

function refuse(message: string): never {
  throw new AppError("bad_request", message);
}

/** True when the text looks like a Threat Modeling Tool model. */
export function isTm7(text: string): boolean {
  return /<ThreatModel[\s>]/.test(text.slice(0, 2_000));
}

function asNode(value: unknown): Node {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Node)
    : {};
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === "" ? [] : [value];
}

/** The text of an element that may carry attributes (`#text`) or be nil. */
function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const node = asNode(value);
  const inner = node["#text"];
  return typeof inner === "string" || typeof inner === "number" ? String(inner) : "";
}

function numberOf(value: unknown): number {
  const parsed = Number(textOf(value));
  return Number.isFinite(parsed) ? parsed : 0;
}

/** The display properties of a shape: display name -> value (and list selections). */
function propertiesOf(value: unknown): { name: string; value: string }[] {
  return asList(asNode(value).anyType).map((raw) => {
    const property = asNode(raw);
    const display = textOf(property.DisplayName);
    const inner = property.Value;
    const options = asList(asNode(inner).string).map(textOf);
    const selected = asNode(property).SelectedIndex;
    const value =
      options.length > 0 && selected !== undefined
        ? (options[numberOf(selected)] ?? "")
        : textOf(inner);
    return { name: display, value };
  });
}

const KIND_BY_GENERIC: Record<string, ImportedElement["kind"]> = {
  "GE.EI": "external-entity",
  "GE.P": "process",
  "GE.DS": "data-store",
  "GE.TB.B": "trust-boundary",
};

const STATUS_BY_STATE: Record<string, ThreatStatus> = {
  mitigated: "mitigated",
  notapplicable: "not-applicable",
  needsinvestigation: "needs-investigation",
};
const SEVERITY_BY_PRIORITY: Record<string, ThreatSeverity> = {
  high: "important",
  medium: "moderate",
  low: "low",
};

/** Parses the text of a .tm7 file; throws AppError("bad_request") saying what is wrong. */
export function parseTm7(text: string): ImportedModel {
  const parsed = asNode(
    parseXmlSafely(text, {
      subject: "The file",
      maxDepth: MAX_TM7_DEPTH,
      removeNSPrefix: true,
      // The embedded knowledge base is not read: skipping it keeps large templates cheap.
      stopNodes: ["ThreatModel.KnowledgeBase", "ThreatModel.Profile"],
      isArray: (name) => ARRAYS.has(name),
    }),
  );
  const model = asNode(parsed.ThreatModel);
  if (!("DrawingSurfaceList" in model)) {
    refuse("Not a Threat Modeling Tool model: it has no DrawingSurfaceList");
  }
  const report = emptyReport();
  const seen = new Set<string>();
  const claim = (guid: string, what: string) => {
    if (!guid) refuse(`${what} has no Guid: the file is damaged`);
    if (seen.has(guid)) refuse(`Two shapes have the Guid ${guid}: the file is damaged`);
    seen.add(guid);
  };
  const names = new Map<string, string>();
  const diagrams: ImportedDiagram[] = asList(
    asNode(model.DrawingSurfaceList).DrawingSurfaceModel,
  ).map((rawSurface, index) => {
    const surface = asNode(rawSurface);
    const header = textOf(surface.Header);
    const elements: ImportedElement[] = [];
    const flows: ImportedFlow[] = [];
    for (const entry of asList(asNode(surface.Borders).KeyValueOfguidanyType)) {
      const shape = asNode(asNode(entry).Value);
      const guid = textOf(shape.Guid);
      claim(guid, "A shape");
      const properties = propertiesOf(shape.Properties);
      const generic = textOf(shape.GenericTypeId);
      const name = properties.find((p) => p.name === "Name")?.value ?? "";
      names.set(guid, name);
      const kind = KIND_BY_GENERIC[generic];
      if (!kind) {
        if (generic === "GE.A") report.keptAsText.push(`Annotation on “${header}”: ${name}`);
        else report.refused.push(`Shape “${name || guid}”: unknown kind ${generic}`);
        continue;
      }
      elements.push({
        key: guid,
        kind,
        shape: kind === "trust-boundary" ? "box" : undefined,
        name,
        description: "",
        x: numberOf(shape.Left),
        y: numberOf(shape.Top),
        width: numberOf(shape.Width) || 100,
        height: numberOf(shape.Height) || 100,
        ...scopeOf(properties),
        notes: notesOf(properties, textOf(shape.TypeId)),
      });
    }
    for (const entry of asList(asNode(surface.Lines).KeyValueOfguidanyType)) {
      const line = asNode(asNode(entry).Value);
      const guid = textOf(line.Guid);
      claim(guid, "A line");
      const properties = propertiesOf(line.Properties);
      const generic = textOf(line.GenericTypeId);
      const name = properties.find((p) => p.name === "Name")?.value ?? "";
      names.set(guid, name);
      if (generic === "GE.TB.L") {
        const x = numberOf(line.SourceX);
        const y = numberOf(line.SourceY);
        elements.push({
          key: guid,
          kind: "trust-boundary",
          shape: "line",
          name,
          description: "",
          x,
          y,
          width: numberOf(line.TargetX) - x,
          height: numberOf(line.TargetY) - y,
          outOfScope: false,
          outOfScopeReason: "",
          notes: [],
        });
        continue;
      }
      if (generic !== "GE.DF") {
        report.refused.push(`Line “${name || guid}”: unknown kind ${generic}`);
        continue;
      }
      const sourceKey = textOf(line.SourceGuid);
      const targetKey = textOf(line.TargetGuid);
      flows.push({
        key: guid,
        sourceKey,
        targetKey,
        name,
        description: "",
        protocol: "",
        encrypted: null,
        bidirectional: false,
        ...scopeOf(properties),
        notes: notesOf(properties, textOf(line.TypeId)),
      });
    }
    const keys = new Set(elements.map((element) => element.key));
    for (const flow of flows) {
      for (const key of [flow.sourceKey, flow.targetKey]) {
        if (key && !keys.has(key)) {
          refuse(`Flow “${flow.name || flow.key}” points at ${key}, which is not on its diagram`);
        }
      }
    }
    return {
      key: textOf(surface.Guid) || String(index),
      title: header || `Diagram ${index + 1}`,
      description: "",
      elements,
      flows,
    };
  });

  const threats: ImportedThreat[] = asList(
    asNode(model.ThreatInstances).KeyValueOfstringThreatpc_P0_PhOB,
  ).map((entry, index) => mapThreat(asNode(asNode(entry).Value), index, names, report));

  const meta = asNode(model.MetaInformation);
  const described = [
    textOf(meta.HighLevelSystemDescription),
    ...(["Owner", "Reviewer", "Contributors"] as const)
      .filter((field) => textOf(meta[field]))
      .map((field) => `${field}: ${textOf(meta[field])}`),
    textOf(meta.Assumptions) ? `Assumptions: ${textOf(meta.Assumptions)}` : "",
    textOf(meta.ExternalDependencies)
      ? `External dependencies: ${textOf(meta.ExternalDependencies)}`
      : "",
  ].filter(Boolean);
  for (const note of asList(asNode(model.Notes).Note)) {
    const message = textOf(asNode(note).Message);
    if (message) described.push(`Note: ${message}`);
  }
  return {
    format: "ms-tmt-tm7",
    title: textOf(meta.ThreatModelName).trim() || "Imported Threat Modeling Tool model",
    description: described.join("\n\n"),
    diagrams,
    threats,
    report,
  };
}

function scopeOf(properties: { name: string; value: string }[]) {
  return {
    outOfScope: properties.find((p) => p.name === "Out Of Scope")?.value === "true",
    outOfScopeReason: properties.find((p) => p.name === "Reason For Out Of Scope")?.value ?? "",
  };
}

/** The stencil and its answered properties, kept as text (they have no fields here). */
function notesOf(properties: { name: string; value: string }[], typeId: string): string[] {
  const skipped = new Set(["Name", "Out Of Scope", "Reason For Out Of Scope", ""]);
  const stencil = properties[0]?.name;
  return [
    stencil ? `Stencil: ${stencil}${typeId ? ` (${typeId})` : ""}` : "",
    ...properties
      .slice(1)
      .filter((p) => !skipped.has(p.name) && p.value !== "")
      .map((p) => `${p.name}: ${p.value}`),
  ].filter(Boolean);
}

function mapThreat(
  threat: Node,
  index: number,
  names: Map<string, string>,
  report: ImportedModel["report"],
): ImportedThreat {
  const properties = new Map(
    asList(asNode(threat.Properties).KeyValueOfstringstring).map((raw) => {
      const property = asNode(raw);
      return [textOf(property.Key), textOf(property.Value)] as const;
    }),
  );
  const typeId = textOf(threat.TypeId);
  const title = properties.get("Title")?.trim() || `Threat ${typeId || index + 1}`;
  const categoryName = (properties.get("UserThreatCategory") ?? "").trim().toLowerCase();
  let category = categoryFromName(categoryName) ?? categoryFromLetter(typeId.charAt(0));
  const notes: string[] = [];
  if (!category) {
    category = "elevation-of-privilege";
    notes.push(`Category in the Threat Modeling Tool: ${categoryName || typeId}`);
    report.keptAsText.push(
      `Threat “${title}”: category ${categoryName || typeId} is not STRIDE; kept in its description`,
    );
  }
  const source = names.get(textOf(threat.SourceGuid)) ?? "";
  const target = names.get(textOf(threat.TargetGuid)) ?? "";
  const flowGuid = textOf(threat.FlowGuid);
  const flow = names.get(flowGuid) ?? "";
  if (source || target) notes.push(`Interaction: ${source} → ${flow || "flow"} → ${target}`);
  if (typeId) notes.push(`Threat Modeling Tool threat type: ${typeId}`);
  const justification = textOf(threat.StateInformation);
  if (justification) notes.push(`Justification: ${justification}`);
  for (const [key, value] of properties) {
    if (
      !value ||
      [
        "Title",
        "UserThreatCategory",
        "UserThreatDescription",
        "UserThreatShortDescription",
        "InteractionString",
        "Priority",
      ].includes(key)
    ) {
      continue;
    }
    notes.push(`${key}: ${value}`);
  }
  const state = textOf(threat.State).toLowerCase();
  const priority = (properties.get("Priority") ?? textOf(threat.Priority)).toLowerCase();
  return {
    key: textOf(threat.Id) || String(index),
    targetKey: flowGuid || null,
    title,
    category,
    status: STATUS_BY_STATE[state] ?? "open",
    severity: SEVERITY_BY_PRIORITY[priority] ?? null,
    response: null,
    description: [
      properties.get("UserThreatDescription") ?? "",
      properties.get("UserThreatShortDescription") ?? "",
      ...notes,
    ]
      .filter(Boolean)
      .join("\n\n"),
  };
}
