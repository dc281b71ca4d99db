import { eq } from "drizzle-orm";
import { ruleSets } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import type { Database } from "@/server/db/client";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";

/**
 * Deletes a rule set; throws not_found when there is none. Threats it generated stay in their
 * models (they are the models' content now).
 */
export async function deleteRuleSet(
  db: Database,
  options: { userId: string; ruleSetId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(ruleSets)
      .where(eq(ruleSets.id, options.ruleSetId))
      .returning({ id: ruleSets.id, name: ruleSets.name });
    if (!row) throw new AppError("not_found", "No such rule set");
    await appendAuditEvent(tx, {
      actorId: options.userId,
      action: "rule-set.deleted",
      detail: { ruleSetId: row.id, name: row.name },
    });
  });
}
