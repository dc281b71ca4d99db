/**
 * Request bodies of the HTTP API, shared by the server (which parses every body with them) and
 * the UI (which validates forms with the same rules). Limits come from lib/limits.ts.
 */
import { z } from "zod";
import { LIMITS } from "../limits";
import { ROLES } from "../model/roles";
import { MAX_RULES_PER_SET } from "../stride/rule-types";
import { singleLineTextSchema } from "../text";

const trimmed = singleLineTextSchema;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(LIMITS.emailLength)
  .pipe(z.email("Enter a valid email address"));

export const passwordSchema = z
  .string()
  .min(LIMITS.passwordMinLength, `At least ${LIMITS.passwordMinLength} characters`)
  .max(LIMITS.passwordMaxLength, `At most ${LIMITS.passwordMaxLength} characters`);

/** POST /api/users */
export const signUpInput = z.object({
  email: emailSchema,
  name: trimmed(LIMITS.nameLength),
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpInput>;

/** POST /api/users/me/password */
export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(LIMITS.passwordMaxLength),
  newPassword: passwordSchema,
});

/** POST /api/email-verifications: the token from a verification email's link. */
export const emailVerificationInput = z.object({
  token: z.string().min(1).max(2_000),
});

/** Sign-in with email and password (next-auth credentials provider). */
export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1).max(LIMITS.passwordMaxLength),
});

/** POST /api/tokens */
export const createTokenInput = z.object({ name: trimmed(LIMITS.tokenNameLength) });

/** POST /api/models */
export const createModelInput = z.object({ title: trimmed(LIMITS.modelTitleLength) });

/** GET /api/models: one page of the list, most recently updated first. */
export const listModelsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LIMITS.modelsPageMax).default(LIMITS.modelsPageDefault),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListModelsQuery = z.infer<typeof listModelsQuery>;

/** PATCH /api/models/:id */
export const updateModelInput = z.object({ title: trimmed(LIMITS.modelTitleLength) });

/** PUT /api/models/:id/members: the whole member list. */
export const replaceMembersInput = z.object({
  members: z
    .array(z.object({ email: emailSchema, role: z.enum(ROLES) }))
    .min(1)
    .max(LIMITS.membersPerModel),
});
export type ReplaceMembersInput = z.infer<typeof replaceMembersInput>;

/** Ids in paths: nanoid alphabet. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Malformed id");

/** The name of an organisation rule set. */
export const ruleSetNameSchema = trimmed(LIMITS.elementNameLength);
const ruleSetDescriptionSchema = z.string().max(LIMITS.longTextLength);
/** Rules as sent: each is checked against the rule format by parseRuleSet in the service. */
const ruleListSchema = z.array(z.unknown()).max(MAX_RULES_PER_SET);

/** POST /api/rule-sets */
export const createRuleSetInput = z.object({
  name: ruleSetNameSchema,
  description: ruleSetDescriptionSchema.default(""),
  rules: ruleListSchema.default([]),
  isEnabled: z.boolean().default(true),
});
export type CreateRuleSetInput = z.infer<typeof createRuleSetInput>;

/** PATCH /api/rule-sets/:id: any of the fields, at least one. */
export const updateRuleSetInput = z
  .object({
    name: ruleSetNameSchema.optional(),
    description: ruleSetDescriptionSchema.optional(),
    rules: ruleListSchema.optional(),
    isEnabled: z.boolean().optional(),
    /**
     * The updatedAt the client last saw. When given and the set changed since, the update is
     * refused with 409, so two administrators never overwrite each other's rules unseen.
     */
    expectedUpdatedAt: z.iso.datetime().optional(),
  })
  .refine(
    ({ expectedUpdatedAt: _, ...fields }) =>
      Object.values(fields).some((value) => value !== undefined),
    {
      message: "Change at least one field",
    },
  );
export type UpdateRuleSetInput = z.infer<typeof updateRuleSetInput>;

/** The format tag of an exported rule set file. */
export const RULE_SET_EXPORT_FORMAT = "threat-room-rule-set";

/**
 * An exported rule set (GET /api/rule-sets/:id/export) and the JSON body of
 * POST /api/rule-sets/import.
 */
export const ruleSetExportSchema = z.object({
  format: z.literal(RULE_SET_EXPORT_FORMAT),
  version: z.literal(1),
  name: ruleSetNameSchema,
  description: ruleSetDescriptionSchema.default(""),
  rules: ruleListSchema,
});
export type RuleSetExport = z.infer<typeof ruleSetExportSchema>;
