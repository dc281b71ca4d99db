import { z } from "zod";
import { AppError } from "@/lib/errors";
import { LIMITS } from "@/lib/limits";
import { getCategoryByCode } from "@/lib/model";
import { MAX_RULES_PER_SET, parseRuleSet } from "@/lib/stride/rule-types";
import type { Rule, RuleCondition, RuleSet } from "@/lib/stride/rule-types";
import { FilterSyntaxError, parseGenerationFilter } from "./tb7-filter";
import { parseXmlSafely } from "../xml";
import { mapTmtComparison } from "./tb7-mapping";

/*
 * Reads a Microsoft Threat Modeling Tool template (.tb7, the KnowledgeBase XML) into our rule
 * format: each ThreatType becomes an interaction rule recorded against the data flow, with its
 * GenerationFilters parsed by tb7-filter.ts and mapped by tb7-mapping.ts. Imported files are
 * hostile input: a DOCTYPE or entity declaration (external entities, entity expansion) is
 * refused outright, as are files over MAX_TEMPLATE_BYTES and elements nested deeper than
 * MAX_TEMPLATE_DEPTH.
 */

/** Largest template accepted: 10 MiB (bytes, or UTF-16 code units for a string). */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;
/** Deepest element nesting accepted (Microsoft's templates nest about 8 deep). */
export const MAX_TEMPLATE_DEPTH = 32;

/** A threat type that could not become a rule, and why. */
export interface SkippedThreatType {
  id: string;
  reason: string;
}

/** The rule set read from a template, and the threat types left out. */
export interface Tb7Import {
  ruleSet: RuleSet;
  skipped: SkippedThreatType[];
}

/** The text of an element: a string, or an object with "#text" when it has attributes. */
const xmlTextSchema = z.union([
  z.string(),
  z
    .object({ "#text": z.union([z.string(), z.number()]).optional() })
    .transform((node) => String(node["#text"] ?? "")),
]);

const threatTypeSchema = z.object({
  Id: xmlTextSchema,
  ShortTitle: xmlTextSchema.optional(),
  Category: xmlTextSchema.optional(),
  Description: xmlTextSchema.optional(),
  GenerationFilters: z
    .union([
      z.object({ Include: xmlTextSchema.optional(), Exclude: xmlTextSchema.optional() }),
      z.literal(""),
    ])
    .optional(),
});

const knowledgeBaseSchema = z.object({
  KnowledgeBase: z.object({
    Manifest: z
      .object({
        "@_name": z.string().optional(),
        "@_id": z.string().optional(),
        "@_version": z.string().optional(),
      })
      .optional(),
    ThreatTypes: z
      .union([z.object({ ThreatType: z.array(threatTypeSchema).optional() }), z.literal("")])
      .optional(),
  }),
});

function refuse(message: string, cause?: unknown): never {
  throw new AppError("bad_request", message, { cause });
}

function decodeTemplate(input: string | Uint8Array): string {
  const size = typeof input === "string" ? input.length : input.byteLength;
  if (size > MAX_TEMPLATE_BYTES) refuse("The template is larger than 10 MiB");
  if (typeof input === "string") return input;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(input);
  } catch (error) {
    return refuse("The template is not valid UTF-8 text", error);
  }
}

function readKnowledgeBase(xml: string): z.infer<typeof knowledgeBaseSchema> {
  const parsed = parseXmlSafely(xml, {
    subject: "The template",
    maxDepth: MAX_TEMPLATE_DEPTH,
    isArray: (tagName) => tagName === "ThreatType",
  });
  const result = knowledgeBaseSchema.safeParse(parsed);
  if (!result.success) {
    refuse("The file is not a Threat Modeling Tool template (no KnowledgeBase)", result.error);
  }
  return result.data;
}

/** "tmt:<id>" with characters outside rule ids replaced, unique within `taken`. */
function toRuleId(rawId: string, taken: Set<string>): string {
  const base = `tmt:${rawId.trim().replace(/[^A-Za-z0-9._:-]/g, "-")}`.slice(0, LIMITS.idLength);
  let id = base;
  for (let suffix = 2; taken.has(id); suffix += 1) {
    const tail = `-${suffix}`;
    id = `${base.slice(0, LIMITS.idLength - tail.length)}${tail}`;
  }
  taken.add(id);
  return id;
}

/** Microsoft's `{source.Name}` placeholders become ours: `{source.name}`. */
function toTemplate(text: string, maxLength: number): string {
  return text.replace(/\{(source|target|flow)\.Name\}/g, "{$1.name}").slice(0, maxLength);
}

function parseFilter(text: string): RuleCondition | null {
  return parseGenerationFilter(text, mapTmtComparison);
}

/**
 * Parses a Threat Modeling Tool template into a rule set (id "tmt:<manifest id>"), one rule per
 * ThreatType, in file order. Threat types are skipped, and listed in `skipped`, when their
 * category is not a STRIDE one (Microsoft's "A", abuse) or their filter breaks the grammar.
 * Throws AppError("bad_request") for input over 10 MiB, invalid UTF-8, a DOCTYPE or entity
 * declaration, malformed XML, nesting deeper than MAX_TEMPLATE_DEPTH, a filter nested deeper
 * than the rule format allows, or more than MAX_RULES_PER_SET threat types.
 */
export function parseTb7Template(input: string | Uint8Array): Tb7Import {
  const knowledgeBase = readKnowledgeBase(decodeTemplate(input)).KnowledgeBase;
  const threatTypes =
    knowledgeBase.ThreatTypes === "" ? [] : (knowledgeBase.ThreatTypes?.ThreatType ?? []);
  if (threatTypes.length > MAX_RULES_PER_SET) {
    refuse(`The template has more than ${MAX_RULES_PER_SET} threat types`);
  }

  const rules: Rule[] = [];
  const skipped: SkippedThreatType[] = [];
  const taken = new Set<string>();
  for (const threatType of threatTypes) {
    const category = getCategoryByCode(threatType.Category ?? "");
    if (category === null) {
      skipped.push({ id: threatType.Id, reason: `Category "${threatType.Category ?? ""}"` });
      continue;
    }
    const filters = threatType.GenerationFilters === "" ? {} : threatType.GenerationFilters;
    let include: RuleCondition | null;
    let exclude: RuleCondition | null;
    try {
      include = parseFilter(filters?.Include ?? "");
      exclude = parseFilter(filters?.Exclude ?? "");
    } catch (error) {
      if (!(error instanceof FilterSyntaxError)) throw error;
      skipped.push({ id: threatType.Id, reason: `Filter: ${error.message}` });
      continue;
    }
    const title = toTemplate(threatType.ShortTitle ?? "", LIMITS.threatTitleLength).trim();
    rules.push({
      id: toRuleId(threatType.Id, taken),
      title: title === "" ? threatType.Id.slice(0, LIMITS.threatTitleLength) : title,
      description: toTemplate(threatType.Description ?? "", LIMITS.threatDescriptionLength),
      category,
      scope: { kind: "interaction", appliesTo: "flow" },
      // A threat type without an Include filter never fires in Microsoft's tool either.
      include: include ?? { op: "unknown", text: "" },
      ...(exclude === null ? {} : { exclude }),
      enabled: true,
    });
  }

  const manifest = knowledgeBase.Manifest;
  const name = (manifest?.["@_name"] ?? "").trim() || "Threat Modeling Tool template";
  const version = manifest?.["@_version"];
  return {
    ruleSet: parseRuleSet({
      id: toRuleId(manifest?.["@_id"] ?? "template", new Set()),
      name: name.slice(0, LIMITS.elementNameLength),
      description:
        `Imported from the Microsoft Threat Modeling Tool template "${name}"` +
        (version === undefined ? "." : `, version ${version}.`),
      rules,
    }),
    skipped,
  };
}
