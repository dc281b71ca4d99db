import type { RuleSetExport } from "@/lib/api/schemas";
import { parseTb7Template, type SkippedThreatType } from "@/lib/stride/tb7";
import type { Database } from "@/server/db/client";
import { createRuleSet } from "@/server/services/rule-sets/create-rule-set";
import type { PublicRuleSet } from "@/server/services/rule-sets/present-rule-set";

/** What an import sends: our JSON export, or the text of a Microsoft TMT template (.tb7). */
export type RuleSetImportSource =
  { kind: "json"; file: RuleSetExport } | { kind: "tb7"; bytes: Uint8Array };

/**
 * Stores an imported rule set (enabled). A .tb7 template is read by parseTb7Template, which
 * refuses hostile XML (DOCTYPE, entities, excessive size or nesting) with bad_request; its
 * threat types that could not become rules are returned in `skipped`.
 */
export async function importRuleSet(
  db: Database,
  options: { userId: string; source: RuleSetImportSource },
): Promise<{ ruleSet: PublicRuleSet; skipped: SkippedThreatType[] }> {
  const { source } = options;
  if (source.kind === "json") {
    const ruleSet = await createRuleSet(db, {
      userId: options.userId,
      name: source.file.name,
      description: source.file.description,
      rules: source.file.rules,
      isEnabled: true,
      importedFrom: "json",
    });
    return { ruleSet, skipped: [] };
  }
  const template = parseTb7Template(source.bytes);
  const ruleSet = await createRuleSet(db, {
    userId: options.userId,
    name: template.ruleSet.name,
    description: template.ruleSet.description,
    rules: template.ruleSet.rules,
    isEnabled: true,
    importedFrom: "tb7",
  });
  return { ruleSet, skipped: template.skipped };
}
