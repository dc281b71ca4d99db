import type { SkippedThreatType } from "@/lib/interop/tmt/tb7";
import type { Database } from "@/server/db/client";
import { createRuleSet } from "@/server/services/rule-sets/create-rule-set";
import type { PublicRuleSet } from "@/server/services/rule-sets/present-rule-set";
import type { RuleSetFile } from "@/server/services/rule-sets/read-rule-set-file";
import { readRuleSetFileInWorker } from "@/server/services/rule-sets/read-rule-set-file-in-worker";

/**
 * Stores an imported rule set (enabled). The file (our JSON export, or a Microsoft TMT template)
 * is read in a worker thread within a time and memory budget; hostile XML (DOCTYPE, entities,
 * excessive size or nesting) and anything that is not a rule set are refused with bad_request.
 * A template's threat types that could not become rules are returned in `skipped`.
 */
export async function importRuleSet(
  db: Database,
  options: { userId: string; file: RuleSetFile },
): Promise<{ ruleSet: PublicRuleSet; skipped: SkippedThreatType[] }> {
  const content = await readRuleSetFileInWorker(options.file);
  const ruleSet = await createRuleSet(db, {
    userId: options.userId,
    name: content.name,
    description: content.description,
    rules: content.rules,
    isEnabled: true,
    importedFrom: options.file.kind,
  });
  return { ruleSet, skipped: content.skipped };
}
