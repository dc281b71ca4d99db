/**
 * Membership roles of a threat model, from most to least privileged. A member has one role.
 */
export const ROLES = ["owner", "facilitator", "editor", "commenter", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose document updates the server accepts; the others connect read-only. */
export const DOCUMENT_WRITER_ROLES: ReadonlySet<Role> = new Set(["owner", "facilitator", "editor"]);

/** True when a member with this role may change the shared document. */
export function canWriteDocument(role: Role): boolean {
  return DOCUMENT_WRITER_ROLES.has(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  facilitator: "Facilitator",
  editor: "Editor",
  commenter: "Commenter",
  viewer: "Viewer",
};

/** True when the value is one of ROLES. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
