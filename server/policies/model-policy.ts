import { AppError } from "@/lib/errors";
import { canWriteDocument, type Role } from "@/lib/model/roles";

/** What a member may do with a threat model. */
export type ModelAction =
  "read" | "edit-document" | "rename" | "delete" | "read-members" | "manage-members";

/**
 * The one policy for threat models, used by the HTTP API and the websocket alike.
 * `role` is the actor's membership role, or null when the actor is not a member.
 */
export function can(role: Role | null, action: ModelAction): boolean {
  if (role === null) return false;
  switch (action) {
    case "read":
    case "read-members":
      return true;
    case "edit-document":
    case "rename":
      return canWriteDocument(role);
    case "delete":
    case "manage-members":
      return role === "owner";
  }
}

/**
 * Throws unless the role allows the action. A non-member gets not_found, never forbidden, so
 * that model ids cannot be probed.
 */
export function authorize(role: Role | null, action: ModelAction): asserts role is Role {
  if (role === null) throw new AppError("not_found", "No such threat model");
  if (!can(role, action))
    throw new AppError("forbidden", "Your role in this model does not allow this");
}
