import { nanoid } from "nanoid";
import * as Y from "yjs";
import { and, count, eq, gt, sql } from "drizzle-orm";
import { auditEvents, docSnapshots, memberships, models } from "@/drizzle/schema";
import { LIMITS } from "@/lib/limits";
import { AppError } from "@/lib/errors";
import { initializeDocument } from "@/lib/model/document";
import type { Database } from "@/server/db/client";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";
import { presentModel, type PublicModel } from "@/server/services/models/present-model";

/**
 * Refuses (rate_limited) a user who created `limit` models in the last hour. Counted from the audit log, which keeps deleted models' creations too, so deleting
 * does not reset the count.
 */
async function refuseBeyondHourlyLimit(db: Database, userId: string, limit: number): Promise<void> {
  const [recent] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorId, userId),
        eq(auditEvents.action, "model.created"),
        gt(auditEvents.createdAt, sql`now() - interval '1 hour'`),
      ),
    );
  if ((recent?.n ?? 0) >= limit) {
    throw new AppError("rate_limited", `At most ${limit} new models an hour; try again later`);
  }
}

/**
 * Creates a threat model owned by the user, with its initial shared document (and what
 * `populate` writes into it) stored as the first snapshot, in one transaction.
 */
export async function createModel(
  db: Database,
  options: {
    ownerId: string;
    title: string;
    /** Models a user may create per hour; LIMITS.modelsCreatedPerUserPerHour by default. */
    hourlyLimit?: number;
    /**
     * Writes the model's first content (an import) into the new document before it is stored:
     * if it throws, nothing is created.
     */
    populate?: (doc: Y.Doc) => void;
    /**
     * The document to start from instead of a new one (our own model file), already checked
     * by the caller; `populate` does not apply then.
     */
    initialState?: Uint8Array;
    /** What the audit trail records about the creation beside the title. */
    auditDetail?: Record<string, unknown>;
  },
): Promise<PublicModel> {
  await refuseBeyondHourlyLimit(
    db,
    options.ownerId,
    options.hourlyLimit ?? LIMITS.modelsCreatedPerUserPerHour,
  );
  const id = nanoid();
  let state = options.initialState;
  if (!state) {
    const doc = new Y.Doc();
    initializeDocument(doc, { title: options.title, ownerId: options.ownerId });
    try {
      options.populate?.(doc);
    } catch (error) {
      doc.destroy();
      throw error;
    }
    state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  }
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(models)
      .values({ id, title: options.title, createdBy: options.ownerId })
      .returning();
    if (!created) throw new AppError("internal", "The model could not be created");
    await tx.insert(memberships).values({ modelId: id, userId: options.ownerId, role: "owner" });
    await tx.insert(docSnapshots).values({
      modelId: id,
      version: 1,
      state,
      uptoSeq: 0,
      kind: "auto",
      createdBy: options.ownerId,
    });
    await appendAuditEvent(tx, {
      actorId: options.ownerId,
      action: "model.created",
      modelId: id,
      detail: { title: options.title, ...options.auditDetail },
    });
    return created;
  });
  return presentModel(row, "owner");
}
