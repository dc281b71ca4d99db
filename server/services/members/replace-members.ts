import { eq, inArray } from "drizzle-orm";
import { memberships, users } from "@/drizzle/schema";
import type { ReplaceMembersInput } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import type { Database } from "@/server/db/client";
import { authorize, MEMBER } from "@/server/policies/policy";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";
import { getMemberRole } from "@/server/services/members/get-member-role";
import { listMembers, type PublicMember } from "@/server/services/members/list-members";

/**
 * Replaces a model's member list (owner only). Every email must belong to an existing account;
 * the list must keep at least one owner. Returns the new list. The caller closes or
 * downgrades the sockets of members who lost access.
 */
export async function replaceMembers(
  db: Database,
  options: { modelId: string; userId: string; members: ReplaceMembersInput["members"] },
): Promise<PublicMember[]> {
  authorize(MEMBER, "model.manage-members", {
    kind: "model",
    role: await getMemberRole(db, options),
  });
  const emails = [...new Set(options.members.map((m) => m.email))];
  if (emails.length !== options.members.length) {
    throw new AppError("bad_request", "Each person may appear only once");
  }
  if (!options.members.some((m) => m.role === "owner")) {
    throw new AppError("bad_request", "A model needs at least one owner");
  }
  const found = await db
    .select({ id: users.id, email: users.email, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(inArray(users.email, emails));
  // An address is matched to an account only once its owner proved they receive its mail: else
  // anyone could sign up with a colleague's address and be handed the models meant for them.
  // People already in the model stay, verified or not.
  const current = new Set((await listMembers(db, options.modelId)).map((member) => member.userId));
  const byEmail = new Map(found.map((u) => [u.email, u]));
  const idByEmail = new Map(
    found
      .filter((u) => u.emailVerifiedAt !== null || current.has(u.id))
      .map((u) => [u.email, u.id]),
  );
  const issues = options.members.flatMap((member, index) =>
    idByEmail.has(member.email)
      ? []
      : [
          {
            path: `members.${index}.email`,
            message: byEmail.has(member.email)
              ? `${member.email} has not confirmed their email address yet; they can add it from the link we emailed them`
              : `No account uses ${member.email}; they need to sign up first`,
          },
        ],
  );
  if (issues.length > 0)
    throw new AppError("bad_request", "Some people have no account", { issues });
  return db.transaction(async (tx) => {
    const before = await listMembers(tx, options.modelId);
    await tx.delete(memberships).where(eq(memberships.modelId, options.modelId));
    await tx.insert(memberships).values(
      options.members.map((member) => ({
        modelId: options.modelId,
        userId: idByEmail.get(member.email) ?? "",
        role: member.role,
      })),
    );
    const after = await listMembers(tx, options.modelId);
    await appendAuditEvent(tx, {
      actorId: options.userId,
      action: "members.changed",
      modelId: options.modelId,
      detail: {
        before: before.map((m) => ({ userId: m.userId, role: m.role })),
        after: after.map((m) => ({ userId: m.userId, role: m.role })),
      },
    });
    return after;
  });
}
