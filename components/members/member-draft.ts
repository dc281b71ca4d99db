import type { ApiIssue } from "@/components/api/api-client";
import type { Member } from "@/components/api/schemas";
import type { Role } from "@/lib/model/roles";

/** A row of the members editor: a saved member or one added in this session. */
export interface MemberDraft {
  /** Stable React key: the user id, or the email of a new row. */
  key: string;
  email: string;
  /** "" for a person added by email in this session. */
  name: string;
  role: Role;
  isNew: boolean;
}

export function toMemberDrafts(members: readonly Member[]): MemberDraft[] {
  return members.map((member) => ({
    key: member.userId,
    email: member.email,
    name: member.name,
    role: member.role,
    isNew: false,
  }));
}

/** A problem with the draft list that the server would refuse anyway, or null. */
export function validateMemberDrafts(drafts: readonly MemberDraft[]): string | null {
  if (!drafts.some((draft) => draft.role === "owner")) {
    return "A model needs at least one owner. Make someone an owner before saving.";
  }
  return null;
}

/**
 * The API's issues for a PUT of the members list, by row index ("members.2.email" -> row 2),
 * and the messages that belong to no row.
 */
export function mapMemberIssues(issues: readonly ApiIssue[]): {
  byRow: Map<number, string>;
  general: string[];
} {
  const byRow = new Map<number, string>();
  const general: string[] = [];
  for (const issue of issues) {
    const match = /^members\.(\d+)(\.|$)/.exec(issue.path);
    const index = match?.[1] === undefined ? Number.NaN : Number.parseInt(match[1], 10);
    if (Number.isInteger(index) && !byRow.has(index)) byRow.set(index, issue.message);
    else general.push(issue.message);
  }
  return { byRow, general };
}
