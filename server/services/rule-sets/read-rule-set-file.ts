import { ruleSetExportSchema } from "@/lib/api/schemas";
import { parseRuleSet, type Rule } from "@/lib/stride/rule-types";
import { parseTb7Template, type SkippedThreatType } from "@/lib/interop/tmt/tb7";
import { parseJsonText } from "@/lib/parse-json";

const FILE_MESSAGES = {
  notJson: "The file is not valid JSON",
  notUnicode: "The file holds text that is not valid Unicode",
  invalid: "The file is not a rule set export",
  isLocated: true,
};

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
  const exported = parseJsonText(
    new TextDecoder().decode(file.bytes),
    ruleSetExportSchema,
    FILE_MESSAGES,
  );
  const ruleSet = parseRuleSet({
    id: "import",
    name: exported.name,
    description: exported.description,
    rules: exported.rules,
  });
  return {
    name: ruleSet.name,
    description: ruleSet.description,
    rules: ruleSet.rules,
    skipped: [],
  };
}
