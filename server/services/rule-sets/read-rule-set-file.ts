import { ruleSetExportSchema } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import { parseRuleSet, type Rule } from "@/lib/stride/rule-types";
import { parseTb7Template, type SkippedThreatType } from "@/lib/stride/tb7";
import { findMalformedText } from "@/lib/text";

/** An uploaded rule-set file: our JSON export, or a Microsoft TMT template (.tb7). */
export interface RuleSetFile {
  kind: "json" | "tb7";
  bytes: Uint8Array;
}

/** What a rule-set file holds, checked against the rule format. */
export interface RuleSetFileContent {
  name: string;
  description: string;
  rules: Rule[];
  /** Threat types of a template that could not become rules. */
  skipped: SkippedThreatType[];
}

/**
 * Reads and checks a rule-set file: the whole of the CPU work of an import (parsing up to
 * 10 MiB of JSON or XML and checking every rule), done apart from the thread that serves
 * requests (see read-rule-set-file-in-worker.ts). Throws AppError("bad_request") naming what
 * is wrong.
 */
export function readRuleSetFile(file: RuleSetFile): RuleSetFileContent {
  if (file.kind === "tb7") {
    const template = parseTb7Template(file.bytes);
    return { ...template.ruleSet, skipped: template.skipped };
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(file.bytes));
  } catch {
    throw new AppError("bad_request", "The file is not valid JSON");
  }
  const malformed = findMalformedText(value);
  if (malformed) {
    throw new AppError("bad_request", "The file holds text that is not valid Unicode", {
      issues: [{ path: malformed.join("."), message: "Contains a lone UTF-16 surrogate" }],
    });
  }
  const parsed = ruleSetExportSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("bad_request", "The file is not a rule set export", {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join("."),
        message: issue.message,
      })),
    });
  }
  const ruleSet = parseRuleSet({
    id: "import",
    name: parsed.data.name,
    description: parsed.data.description,
    rules: parsed.data.rules,
  });
  return {
    name: ruleSet.name,
    description: ruleSet.description,
    rules: ruleSet.rules,
    skipped: [],
  };
}
