import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/model/roles";

/**
 * Everything the server decides about who may do what, in one place: the HTTP routes, the
 * services and the websocket all ask `can`. Hiding a button in the app is never the control.
 */

/** What a signed-in user is, beyond their memberships. */
export interface PolicyUser {
  /** ADMIN_EMAILS, or the first account when that list is empty (see isRuleSetAdmin). */
  isRuleSetAdmin: boolean;
}

/** A user about whom only their model role matters (rule-set rights play no part). */
export const MEMBER: PolicyUser = { isRuleSetAdmin: false };

/** What an action is done to. */
export type PolicyResource =
  /** A threat model, with the user's role in it (null: not a member). */
  | { kind: "model"; role: Role | null }
  /** The organisation's rule sets. */
  | { kind: "rule-sets" }
  /** The instance itself: creating models, importing, one's own API tokens. */
  | { kind: "instance" };

/** Actions on a threat model. */
export const MODEL_ACTIONS = [
  /** See the model, its document and its member list; join its room (read-only at least). */
  "model.read",
  /** Change the shared document: the server applies this member's updates. */
  "model.edit-document",
  "model.rename",
  "model.delete",
  "model.manage-members",
  /** Save a named version of the document. */
  "model.save-version",
  /** Restore a version: a change to everyone's document, so for those who run the model. */
  "model.restore-version",
  /** Start, steer and end a facilitated session (agenda, phases, timers, reveal). */
  "model.run-session",
  /** Take part in a session: raise a hand, park an idea, vote in a group rating. */
  "model.join-session",
  /** Write in the model's discussion: open threads, reply, resolve and reopen them. */
  "model.comment",
  /** Ask members to review the model and sign it off. */
  "model.request-review",
] as const;
/** Actions on the organisation's rule sets. */
export const RULE_SET_ACTIONS = ["rule-sets.read", "rule-sets.use", "rule-sets.manage"] as const;
/** Actions on the instance. */
export const INSTANCE_ACTIONS = [
  "instance.create-model",
  "instance.manage-own-tokens",
  /** End every session of another user (their own: every user). */
  "instance.revoke-user-sessions",
  /** Read the instance's audit trail and verify its hash chain. */
  "instance.read-audit-trail",
] as const;

export type ModelAction = (typeof MODEL_ACTIONS)[number];
export type RuleSetAction = (typeof RULE_SET_ACTIONS)[number];
export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];
export type PolicyAction = ModelAction | RuleSetAction | InstanceAction;

/** Roles whose document updates the server accepts; the others connect read-only. */
const DOCUMENT_WRITERS: ReadonlySet<Role> = new Set(["owner", "facilitator", "editor"]);

function canOnModel(role: Role | null, action: ModelAction): boolean {
  if (role === null) return false;
  switch (action) {
    case "model.read":
      return true;
    case "model.edit-document":
    case "model.rename":
    case "model.save-version":
      return DOCUMENT_WRITERS.has(role);
    case "model.restore-version":
    case "model.run-session":
      return role === "owner" || role === "facilitator";
    case "model.join-session":
    case "model.comment":
      return role !== "viewer";
    case "model.request-review":
      return DOCUMENT_WRITERS.has(role);
    case "model.delete":
    case "model.manage-members":
      return role === "owner";
  }
}

function isModelAction(action: PolicyAction): action is ModelAction {
  return (MODEL_ACTIONS as readonly string[]).includes(action);
}

function isRuleSetAction(action: PolicyAction): action is RuleSetAction {
  return (RULE_SET_ACTIONS as readonly string[]).includes(action);
}

/**
 * Whether `user` may do `action` to `resource`. An action asked of the wrong kind of resource
 * (a model action on the rule sets, say) is refused.
 */
export function can(user: PolicyUser, action: PolicyAction, resource: PolicyResource): boolean {
  switch (resource.kind) {
    case "model":
      return isModelAction(action) && canOnModel(resource.role, action);
    case "rule-sets":
      if (!isRuleSetAction(action)) return false;
      return action === "rule-sets.manage" ? user.isRuleSetAdmin : true;
    case "instance":
      // Every signed-in user creates models (within the hourly limit) and keeps their tokens;
      // administrators (ADMIN_EMAILS) may also sign anyone out everywhere.
      if (action === "instance.revoke-user-sessions" || action === "instance.read-audit-trail") {
        return user.isRuleSetAdmin;
      }
      return action === "instance.create-model" || action === "instance.manage-own-tokens";
  }
}

/**
 * Throws unless `can` allows the action. On a model, a non-member gets not_found, never
 * forbidden, so that model ids cannot be probed; a member without the right gets forbidden.
 */
export function authorize(user: PolicyUser, action: PolicyAction, resource: PolicyResource): void {
  if (can(user, action, resource)) return;
  if (resource.kind === "model" && resource.role === null) {
    throw new AppError("not_found", "No such threat model");
  }
  if (resource.kind === "instance") {
    throw new AppError("forbidden", "Only administrators may do this");
  }
  if (resource.kind === "rule-sets") {
    throw new AppError("forbidden", "Only rule-set administrators may change rule sets");
  }
  throw new AppError("forbidden", "Your role in this model does not allow this");
}

/**
 * `authorize` for an action on a model, returning the member's role: once allowed, the actor
 * is a member (non-members may do nothing to a model).
 */
export function authorizeOnModel(role: Role | null, action: ModelAction): Role {
  authorize(MEMBER, action, { kind: "model", role });
  if (role === null) throw new AppError("not_found", "No such threat model");
  return role;
}

/** What deciding rule-set administration needs to know about a user. */
export interface RuleSetAdminCandidate {
  /** Lower-cased, as stored. */
  email: string;
  /** True once the user proved they receive mail at `email`. */
  emailVerified: boolean;
  /** True for the first account created on the instance. */
  isFirstAccount: boolean;
}

/**
 * Rule-set administrators: the users whose verified email is in ADMIN_EMAILS (an unverified
 * address proves nothing: anyone could sign up with it first), or, when that list is empty,
 * the first account created on the instance.
 */
export function isRuleSetAdmin(
  user: RuleSetAdminCandidate,
  adminEmails: readonly string[],
): boolean {
  if (adminEmails.length > 0) {
    return user.emailVerified && adminEmails.includes(user.email.toLowerCase());
  }
  return user.isFirstAccount;
}
