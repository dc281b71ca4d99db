import { nanoid } from "nanoid";
import { ruleSets } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import type { Database } from "@/server/db/client";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";
import { presentRuleSet, type PublicRuleSet } from "@/server/services/rule-sets/present-rule-set";
import { validateRuleSet } from "@/server/services/rule-sets/validate-rule-set";

/**
 * Stores a new rule set after checking its rules (bad_request when they do not match the rule
 * format). `importedFrom` records an import instead of a creation in the audit log.
 */
export async function createRuleSet(
  db: Database,
  options: {
    userId: string;
    name: string;
    description: string;
    rules: unknown;
    isEnabled: boolean;
    importedFrom?: "json" | "tb7";
  },
): Promise<PublicRuleSet> {
  const id = nanoid();
  const checked = validateRuleSet({ id, ...options });
  const row = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ruleSets)
      .values({
        id,
        name: checked.name,
        description: checked.description,
        rules: checked.rules,
        isEnabled: options.isEnabled,
        createdBy: options.userId,
      })
      .returning();
    if (!row) throw new AppError("internal", "The rule set could not be created");
    await appendAuditEvent(tx, {
      actorId: options.userId,
      action: options.importedFrom ? "rule-set.imported" : "rule-set.created",
      detail: {
        ruleSetId: id,
        name: checked.name,
        ruleCount: checked.rules.length,
        ...(options.importedFrom ? { format: options.importedFrom } : {}),
      },
    });
    return row;
  });
  return presentRuleSet(row);
}
