/**
 * Request bodies of the HTTP API, shared by the server (which parses every body with them) and
 * the UI (which validates forms with the same rules). Limits come from lib/limits.ts.
 */
import { z } from "zod";
import { LIMITS } from "../limits";
import { ROLES } from "../model/roles";
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

/** Sign-in with email and password (next-auth credentials provider). */
export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1).max(LIMITS.passwordMaxLength),
});

/** POST /api/tokens */
export const createTokenInput = z.object({ name: trimmed(LIMITS.tokenNameLength) });

/** POST /api/models */
export const createModelInput = z.object({ title: trimmed(LIMITS.modelTitleLength) });

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
