import { AppError } from "@/lib/errors";

/** What a signed-in user may do with the organisation's rule sets. */
export type RuleSetAction = "read" | "use" | "manage";

/** What the policy needs to know about a user. */
export interface RuleSetActor {
  /** Lower-cased, as stored. */
  email: string;
  /** True for the first account created on the instance. */
  isFirstAccount: boolean;
}

/**
 * Rule-set administrators: the users whose email is in ADMIN_EMAILS, or, when that list is
 * empty, the first account created on the instance.
 */
export function isRuleSetAdmin(actor: RuleSetActor, adminEmails: readonly string[]): boolean {
  if (adminEmails.length > 0) return adminEmails.includes(actor.email.toLowerCase());
  return actor.isFirstAccount;
}

/** The one policy for rule sets: everyone signed in reads and uses them; administrators manage. */
export function can(isAdmin: boolean, action: RuleSetAction): boolean {
  switch (action) {
    case "read":
    case "use":
      return true;
    case "manage":
      return isAdmin;
  }
}

/** Throws forbidden unless the action is allowed. */
export function authorizeRuleSet(isAdmin: boolean, action: RuleSetAction): void {
  if (!can(isAdmin, action)) {
    throw new AppError("forbidden", "Only rule-set administrators may change rule sets");
  }
}
