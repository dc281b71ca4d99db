import { and, desc, eq, inArray } from "drizzle-orm";
import { nanoid } from "nanoid";
import {
  docSnapshots,
  inboxItems,
  models,
  reviewDecisions,
  reviews,
  users,
} from "@/drizzle/schema";
import { MESSAGE_REVIEWS_CHANGED } from "@/lib/collab/messages";
import { AppError } from "@/lib/errors";
import { can, MEMBER, authorizeOnModel } from "@/server/policies/policy";
import { reviewStateOf, type Review, type ReviewsAnswer } from "@/lib/review/reviews";
import type { ReviewDecision } from "@/lib/review/schemas";
import type { MailMessage } from "@/server/mail/mailer";
import { enqueueMail } from "@/server/mail/outbox";
import { recordAuditEvent } from "@/server/services/audit/record-audit-event";
import { getMemberRole } from "@/server/services/members/get-member-role";
import { listMembers } from "@/server/services/members/list-members";
import { loadPeople } from "@/server/services/review/present-threads";
import type { ReviewDeps } from "@/server/services/review/review-services";
import { isDocumentAtVersion, saveVersion } from "@/server/services/versions/versions";

/** Reviews shown per model: the newest ones. */
const REVIEWS_SHOWN = 20;

function modelLink(publicUrl: string, modelId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/models/${encodeURIComponent(modelId)}`;
}

function announce(deps: ReviewDeps, modelId: string, told: string[]): void {
  deps.rooms.pushNotice(modelId, new Uint8Array([MESSAGE_REVIEWS_CHANGED]));
  deps.review.userEvents.publish(told, { type: "inbox" });
  if (told.length > 0) deps.review.outbox.kick();
}

/**
 * Asks members to review the model (owners, facilitators and editors ask; the reviewers must
 * be members who may comment). Each reviewer finds the request in their inbox and, as they
 * chose, by email.
 */
export async function requestReview(
  deps: ReviewDeps,
  options: {
    modelId: string;
    userId: string;
    reviewerIds: string[];
    message: string;
    dueDate?: string;
  },
): Promise<ReviewsAnswer> {
  authorizeOnModel(await getMemberRole(deps.db, options), "model.request-review");
  const members = new Map((await listMembers(deps.db, options.modelId)).map((m) => [m.userId, m]));
  const reviewerIds = [...new Set(options.reviewerIds)];
  const issues = reviewerIds.flatMap((id, index) => {
    const member = members.get(id);
    if (!member) return [{ path: `reviewerIds.${index}`, message: "Not a member of this model" }];
    if (!can(MEMBER, "model.comment", { kind: "model", role: member.role })) {
      return [
        {
          path: `reviewerIds.${index}`,
          message: `${member.name} can only view; make them a commenter first`,
        },
      ];
    }
    return [];
  });
  if (issues.length > 0)
    throw new AppError("bad_request", "Some reviewers cannot review", { issues });
  const dueAt = options.dueDate ? new Date(`${options.dueDate}T23:59:59Z`) : null;
  if (dueAt && Number.isNaN(dueAt.getTime())) {
    throw new AppError("bad_request", "The due date is not a date", {
      issues: [{ path: "dueDate", message: "Not a date" }],
    });
  }
  const reviewId = nanoid();
  const requester = members.get(options.userId);
  const [model] = await deps.db
    .select({ title: models.title })
    .from(models)
    .where(eq(models.id, options.modelId));
  const told = reviewerIds.filter((id) => id !== options.userId);
  await deps.db.transaction(async (tx) => {
    await tx.insert(reviews).values({
      id: reviewId,
      modelId: options.modelId,
      requestedBy: options.userId,
      message: options.message,
      dueAt,
    });
    await tx.insert(reviewDecisions).values(reviewerIds.map((userId) => ({ reviewId, userId })));
    if (told.length === 0) return;
    await tx.insert(inboxItems).values(
      told.map((userId) => ({
        userId,
        modelId: options.modelId,
        reviewId,
        reason: "review-requested",
        actorId: options.userId,
      })),
    );
    const recipients = await tx
      .select({ email: users.email, choice: users.emailNotifications })
      .from(users)
      .where(inArray(users.id, told));
    const title = model?.title ?? "a threat model";
    const mail: MailMessage[] = recipients
      .filter((recipient) => recipient.choice === "each")
      .map((recipient) => ({
        to: recipient.email,
        subject: `[${title}] Review requested by ${requester?.name ?? "a member"}`,
        text: [
          `${requester?.name ?? "A member"} asks you to review the threat model “${title}”${dueAt ? ` by ${options.dueDate}` : ""}.`,
          ...(options.message ? ["", options.message] : []),
          "",
          `Open the model: ${modelLink(deps.review.publicUrl, options.modelId)}`,
          "Approve it or request changes from the Review button in its header.",
        ].join("\n"),
        headers: { "Auto-Submitted": "auto-generated" },
      }));
    await enqueueMail(tx, mail);
  });
  await recordAuditEvent(deps.db, {
    actorId: options.userId,
    action: "review.requested",
    modelId: options.modelId,
    detail: { reviewId, reviewerIds },
  });
  announce(deps, options.modelId, told);
  return listReviews(deps, options);
}

/**
 * A reviewer approves or requests changes. The document as it is now is saved as a named
 * version ("Approved by …"), and the decision is about that version: a later change to the
 * model shows the sign-off as on an older version. The requester hears of it.
 */
export async function decideReview(
  deps: ReviewDeps,
  options: {
    modelId: string;
    reviewId: string;
    userId: string;
    decision: ReviewDecision;
    note: string;
  },
): Promise<ReviewsAnswer> {
  const role = await getMemberRole(deps.db, options);
  authorizeOnModel(role, "model.comment");
  const [review] = await deps.db
    .select()
    .from(reviews)
    .where(and(eq(reviews.id, options.reviewId), eq(reviews.modelId, options.modelId)));
  if (!review) throw new AppError("not_found", "No such review");
  const [mine] = await deps.db
    .select()
    .from(reviewDecisions)
    .where(
      and(eq(reviewDecisions.reviewId, review.id), eq(reviewDecisions.userId, options.userId)),
    );
  if (!mine) throw new AppError("forbidden", "You were not asked to review this");
  const reviewer = (await loadPeople(deps.db, [options.userId])).get(options.userId);
  const verb = options.decision === "approved" ? "Approved" : "Changes requested";
  const version = await saveVersion(deps.db, deps.rooms, {
    modelId: options.modelId,
    userId: options.userId,
    label: `${verb} by ${reviewer?.name ?? "a reviewer"}`,
    kind: "sign-off",
  });
  const told =
    review.requestedBy && review.requestedBy !== options.userId ? [review.requestedBy] : [];
  await deps.db.transaction(async (tx) => {
    await tx
      .update(reviewDecisions)
      .set({
        decision: options.decision,
        note: options.note,
        versionId: version.id,
        decidedAt: new Date(),
      })
      .where(
        and(eq(reviewDecisions.reviewId, review.id), eq(reviewDecisions.userId, options.userId)),
      );
    if (told.length > 0) {
      await tx.insert(inboxItems).values(
        told.map((userId) => ({
          userId,
          modelId: options.modelId,
          reviewId: review.id,
          reason: "review-decided",
          actorId: options.userId,
        })),
      );
    }
  });
  await recordAuditEvent(deps.db, {
    actorId: options.userId,
    action: "review.decided",
    modelId: options.modelId,
    detail: { reviewId: review.id, decision: options.decision, versionId: version.id },
  });
  announce(deps, options.modelId, told);
  return listReviews(deps, options);
}

/**
 * The model's newest reviews with each reviewer's decision, the version it is about and
 * whether the model changed since; and the model's review state (readers of the model).
 */
export async function listReviews(
  deps: ReviewDeps,
  options: { modelId: string; userId: string },
): Promise<ReviewsAnswer> {
  authorizeOnModel(await getMemberRole(deps.db, options), "model.read");
  return loadReviews(deps, options.modelId);
}

/** The reviews of a model (see listReviews), for callers that checked access themselves. */
export async function loadReviews(
  deps: Pick<ReviewDeps, "db" | "rooms">,
  modelId: string,
): Promise<ReviewsAnswer> {
  const options = { modelId };
  const rows = await deps.db
    .select()
    .from(reviews)
    .where(eq(reviews.modelId, options.modelId))
    .orderBy(desc(reviews.createdAt))
    .limit(REVIEWS_SHOWN);
  if (rows.length === 0) return { state: "none", reviews: [] };
  const decisions = await deps.db
    .select()
    .from(reviewDecisions)
    .where(
      inArray(
        reviewDecisions.reviewId,
        rows.map((row) => row.id),
      ),
    );
  const versionIds = [
    ...new Set(decisions.flatMap((d) => (d.versionId === null ? [] : [d.versionId]))),
  ];
  const versions = versionIds.length
    ? await deps.db
        .select({ id: docSnapshots.id, number: docSnapshots.version, label: docSnapshots.label })
        .from(docSnapshots)
        .where(inArray(docSnapshots.id, versionIds))
    : [];
  const current = new Map<number, boolean>();
  for (const versionId of versionIds) {
    current.set(
      versionId,
      await isDocumentAtVersion(deps.db, deps.rooms, { modelId: options.modelId, versionId }),
    );
  }
  const people = await loadPeople(deps.db, [
    ...rows.map((row) => row.requestedBy),
    ...decisions.map((d) => d.userId),
  ]);
  const list: Review[] = rows.map((row) => ({
    id: row.id,
    requestedBy: row.requestedBy ? (people.get(row.requestedBy) ?? null) : null,
    message: row.message,
    dueAt: row.dueAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    reviewers: decisions
      .filter((d) => d.reviewId === row.id)
      .map((d) => {
        const version = versions.find((v) => v.id === d.versionId);
        return {
          user: people.get(d.userId) ?? { id: d.userId, name: "Former member" },
          decision:
            d.decision === "approved" || d.decision === "changes-requested"
              ? d.decision
              : "pending",
          note: d.note,
          decidedAt: d.decidedAt?.toISOString() ?? null,
          version: version
            ? { id: version.id, number: version.number, label: version.label ?? "" }
            : null,
          isOnOlderVersion: d.versionId !== null && current.get(d.versionId) === false,
        };
      }),
  }));
  return { state: reviewStateOf(list), reviews: list };
}
