import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { nanoid } from "nanoid";
import { invitations, memberships, models, users } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import { ROLES, type Role } from "@/lib/model/roles";
import { REVIEW_LIMITS } from "@/lib/review/schemas";
import type { Database } from "@/server/db/client";
import { enqueueMail } from "@/server/mail/outbox";
import { authorizeOnModel } from "@/server/policies/policy";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";
import { getMemberRole } from "@/server/services/members/get-member-role";
import type { ReviewDeps } from "@/server/services/review/review-services";

/** SHA-256 of an invitation token, hex: only the hash is stored. */
function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function readRole(role: string): Role {
  return (ROLES as readonly string[]).includes(role) ? (role as Role) : "viewer";
}

/** A pending invitation as the owner sees it. */
export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
}

/** An invitation as the person holding its link sees it. */
export interface InvitationView {
  modelTitle: string;
  modelId: string;
  email: string;
  role: Role;
  invitedBy: string;
  expiresAt: string;
  status: "pending" | "accepted" | "expired" | "revoked";
}

/**
 * Invites someone by email to a model (owners only), whether or not they have an account: the
 * email's link leads to sign-up (or sign-in) and into the model with the role. The link is
 * valid for REVIEW_LIMITS.invitationDays, once. A newer invitation to the same address
 * replaces a pending one.
 */
export async function inviteToModel(
  deps: ReviewDeps,
  options: { modelId: string; userId: string; email: string; role: Role },
): Promise<PendingInvitation> {
  authorizeOnModel(await getMemberRole(deps.db, options), "model.manage-members");
  const [existing] = await deps.db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.modelId, options.modelId), eq(users.email, options.email)));
  if (existing) {
    throw new AppError("conflict", `${options.email} is already a member of this model`);
  }
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + REVIEW_LIMITS.invitationDays * 24 * 60 * 60_000);
  const [model] = await deps.db
    .select({ title: models.title })
    .from(models)
    .where(eq(models.id, options.modelId));
  const [inviter] = await deps.db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, options.userId));
  const link = `${deps.review.publicUrl.replace(/\/+$/, "")}/invitations/${token}`;
  const row = await deps.db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.modelId, options.modelId),
          eq(invitations.email, options.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [inserted] = await tx
      .insert(invitations)
      .values({
        id: nanoid(),
        modelId: options.modelId,
        email: options.email,
        role: options.role,
        tokenHash: hashToken(token),
        invitedBy: options.userId,
        expiresAt,
      })
      .returning();
    if (!inserted) throw new Error("the invitation was not stored");
    await enqueueMail(tx, [
      {
        to: options.email,
        subject: `${inviter?.name ?? "Someone"} invited you to “${model?.title ?? "a threat model"}”`,
        text: [
          `${inviter?.name ?? "Someone"} invited you to work on the threat model “${model?.title ?? ""}” in Threat Room, as ${options.role}.`,
          "",
          `Accept the invitation: ${link}`,
          "",
          `The link works once, until ${expiresAt.toUTCString()}. If you did not expect it, ignore this email.`,
        ].join("\n"),
        headers: { "Auto-Submitted": "auto-generated" },
      },
    ]);
    await appendAuditEvent(tx, {
      actorId: options.userId,
      action: "invitation.created",
      modelId: options.modelId,
      detail: { invitationId: inserted.id, email: options.email, role: options.role },
    });
    return inserted;
  });
  deps.review.outbox.kick();
  return {
    id: row.id,
    email: row.email,
    role: readRole(row.role),
    invitedBy: inviter?.name ?? null,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** The model's pending invitations (owners only). */
export async function listInvitations(
  db: Database,
  options: { modelId: string; userId: string },
): Promise<PendingInvitation[]> {
  authorizeOnModel(await getMemberRole(db, options), "model.manage-members");
  const rows = await db
    .select({ invitation: invitations, inviter: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.modelId, options.modelId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(desc(invitations.createdAt));
  const now = Date.now();
  return rows
    .filter((row) => row.invitation.expiresAt.getTime() > now)
    .map(({ invitation, inviter }) => ({
      id: invitation.id,
      email: invitation.email,
      role: readRole(invitation.role),
      invitedBy: inviter,
      createdAt: invitation.createdAt.toISOString(),
      expiresAt: invitation.expiresAt.toISOString(),
    }));
}

/** Withdraws a pending invitation (owners only); its link stops working. */
export async function revokeInvitation(
  db: Database,
  options: { modelId: string; userId: string; invitationId: string },
): Promise<void> {
  authorizeOnModel(await getMemberRole(db, options), "model.manage-members");
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, options.invitationId),
          eq(invitations.modelId, options.modelId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    if (!revoked) throw new AppError("not_found", "No such pending invitation");
    await appendAuditEvent(tx, {
      actorId: options.userId,
      action: "invitation.revoked",
      modelId: options.modelId,
      detail: { invitationId: options.invitationId },
    });
  });
}

async function findByToken(db: Database, token: string) {
  const [row] = await db
    .select({ invitation: invitations, modelTitle: models.title, inviter: users.name })
    .from(invitations)
    .innerJoin(models, eq(models.id, invitations.modelId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashToken(token)));
  return row ?? null;
}

function statusOf(invitation: typeof invitations.$inferSelect): InvitationView["status"] {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt.getTime() <= Date.now()) return "expired";
  return "pending";
}

/** What an invitation link offers (anyone holding the link; the token is the secret). */
export async function viewInvitation(db: Database, token: string): Promise<InvitationView> {
  const found = await findByToken(db, token);
  if (!found) throw new AppError("not_found", "This invitation link is not valid");
  return {
    modelTitle: found.modelTitle,
    modelId: found.invitation.modelId,
    email: found.invitation.email,
    role: readRole(found.invitation.role),
    invitedBy: found.inviter ?? "A former member",
    expiresAt: found.invitation.expiresAt.toISOString(),
    status: statusOf(found.invitation),
  };
}

/**
 * Accepts an invitation as the signed-in user, whose address must be the one invited: they
 * become a member with the invited role (a member already keeps the higher of the two), the
 * link is spent, and their address counts as verified (the link reached it).
 */
export async function acceptInvitation(
  deps: ReviewDeps,
  options: { token: string; userId: string; email: string },
): Promise<{ modelId: string; role: Role }> {
  const found = await findByToken(deps.db, options.token);
  if (!found) throw new AppError("not_found", "This invitation link is not valid");
  const { invitation } = found;
  const status = statusOf(invitation);
  if (status === "accepted") throw new AppError("conflict", "This invitation was already used");
  if (status === "revoked") throw new AppError("conflict", "This invitation was withdrawn");
  if (status === "expired") {
    throw new AppError("conflict", "This invitation has expired; ask for a new one");
  }
  if (invitation.email !== options.email.toLowerCase()) {
    throw new AppError(
      "forbidden",
      `This invitation is for ${invitation.email}; sign in with that address to accept it`,
    );
  }
  const invitedRole = readRole(invitation.role);
  const role = await deps.db.transaction(async (tx) => {
    const [spent] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: options.userId })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (!spent) throw new AppError("conflict", "This invitation was already used");
    const current = await getMemberRole(tx, {
      modelId: invitation.modelId,
      userId: options.userId,
    });
    const kept =
      current !== null && ROLES.indexOf(current) < ROLES.indexOf(invitedRole)
        ? current
        : invitedRole;
    await tx
      .insert(memberships)
      .values({ modelId: invitation.modelId, userId: options.userId, role: kept })
      .onConflictDoUpdate({
        target: [memberships.modelId, memberships.userId],
        set: { role: kept },
      });
    await tx
      .update(users)
      .set({ emailVerifiedAt: new Date() })
      .where(and(eq(users.id, options.userId), isNull(users.emailVerifiedAt)));
    await appendAuditEvent(tx, {
      actorId: options.userId,
      action: "invitation.accepted",
      modelId: invitation.modelId,
      detail: { invitationId: invitation.id, role: kept },
    });
    return kept;
  });
  await deps.rooms.reportAccessChanged(invitation.modelId);
  return { modelId: invitation.modelId, role };
}
