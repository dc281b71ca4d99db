import { and, eq, sql } from "drizzle-orm";
import { ruleSets } from "@/drizzle/schema";
import type { UpdateRuleSetInput } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import type { Database } from "@/server/db/client";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";
import { getRuleSet } from "@/server/services/rule-sets/get-rule-set";
import { presentRuleSet, type PublicRuleSet } from "@/server/services/rule-sets/present-rule-set";
import { validateRuleSet } from "@/server/services/rule-sets/validate-rule-set";

/**
 * Changes a rule set's name, description, rules or enabled flag. The result is checked as a
 * whole against the rule format before it is stored. With `expectedUpdatedAt`, the update only
 * applies to the version the client saw (compared to the millisecond, atomically); otherwise it
 * throws conflict. Throws not_found or bad_request.
 */
export async function updateRuleSet(
  db: Database,
  options: { userId: string; ruleSetId: string; changes: UpdateRuleSetInput },
): Promise<PublicRuleSet> {
  const current = await getRuleSet(db, options.ruleSetId);
  const { changes } = options;
  const checked = validateRuleSet({
    id: current.id,
    name: changes.name ?? current.name,
    description: changes.description ?? current.description,
    rules: changes.rules ?? current.rules,
  });
  const row = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(ruleSets)
      .set({
        name: checked.name,
        description: checked.description,
        rules: checked.rules,
        isEnabled: changes.isEnabled ?? current.isEnabled,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(ruleSets.id, current.id),
          changes.expectedUpdatedAt === undefined
            ? undefined
            : sql`date_trunc('milliseconds', ${ruleSets.updatedAt}) = ${changes.expectedUpdatedAt}::timestamptz`,
        ),
      )
      .returning();
    if (!row) {
      if (changes.expectedUpdatedAt !== undefined) {
        throw new AppError(
          "conflict",
          "Someone else changed this rule set after you opened it. Reload to see their changes, then try again.",
        );
      }
      throw new AppError("not_found", "No such rule set");
    }
    await appendAuditEvent(tx, {
      actorId: options.userId,
      action: "rule-set.updated",
      detail: {
        ruleSetId: current.id,
        fields: Object.entries(changes)
          .filter(([field, value]) => value !== undefined && field !== "expectedUpdatedAt")
          .map(([field]) => field),
      },
    });
    return row;
  });
  return presentRuleSet(row);
}
