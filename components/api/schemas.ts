import { z } from "zod";
import type { SessionState } from "@/lib/facilitation/session";
import { ROLES } from "@/lib/model/roles";
import { ruleSchema } from "@/lib/stride/rule-types";

/**
 * Schemas of the API's answers as the browser sees them (see the HTTP API in the README).
 * Every fetched body is parsed with one of these; the types come from them.
 */

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  /** True once the user confirmed their address through the link we emailed them. */
  emailVerified: z.boolean(),
});
export type User = z.infer<typeof userSchema>;
export const userResponseSchema = z.object({ user: userSchema });
/** POST /api/users: the new account, and the ticket that signs it in. */
export const signUpResponseSchema = z.object({ user: userSchema, signInTicket: z.string() });
/** POST /api/users/me/password */
export const passwordChangeResponseSchema = z.object({ signedOut: z.number() });
/** POST /api/users/me/verification-email */
export const verificationEmailResponseSchema = z.object({ sentTo: z.string() });
/** GET /api/users/me: the user and whether they administer the organisation's rule sets. */
export const currentUserResponseSchema = z.object({
  user: userSchema,
  isRuleSetAdmin: z.boolean(),
});
export type CurrentUser = z.infer<typeof currentUserResponseSchema>;

export const roleSchema = z.enum(ROLES);

export const modelSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;
export const modelResponseSchema = z.object({ model: modelSummarySchema });
export const modelListResponseSchema = z.object({
  models: z.array(modelSummarySchema),
  nextOffset: z.number().int().nullable(),
});

export const memberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type Member = z.infer<typeof memberSchema>;
export const memberListResponseSchema = z.object({ members: z.array(memberSchema) });

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullish(),
  revokedAt: z.string().nullish(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
export const tokenListResponseSchema = z.object({ tokens: z.array(apiTokenSchema) });
export const createdTokenResponseSchema = z.object({ token: apiTokenSchema, secret: z.string() });

/** An organisation rule set (GET /api/rule-sets). */
export const organisationRuleSetSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  rules: z.array(ruleSchema),
  ruleCount: z.number(),
  isEnabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrganisationRuleSet = z.infer<typeof organisationRuleSetSchema>;
export const ruleSetListResponseSchema = z.object({
  ruleSets: z.array(organisationRuleSetSchema),
});
export const ruleSetResponseSchema = z.object({ ruleSet: organisationRuleSetSchema });

/** A saved version of a model (GET /api/models/:id/versions). */
export const versionSchema = z.object({
  id: z.number(),
  number: z.number(),
  label: z.string(),
  kind: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type Version = z.infer<typeof versionSchema>;
export const versionListResponseSchema = z.object({ versions: z.array(versionSchema) });
export const versionResponseSchema = z.object({ version: versionSchema });
/** A version's Yjs state, base64 (GET /api/models/:id/versions/:versionId/state); null for now. */
export const versionStateResponseSchema = z.object({
  version: versionSchema.nullable(),
  state: z.string(),
});

const fieldChangeSchema = z.object({
  field: z.string(),
  /** Absent when the field was not set (JSON drops undefined). */
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
/** GET /api/models/:id/diff */
export const diffResponseSchema = z.object({
  diff: z.object({
    entities: z.array(
      z.object({
        kind: z.string(),
        id: z.string(),
        name: z.string(),
        change: z.enum(["added", "removed", "changed"]),
        fields: z.array(fieldChangeSchema),
      }),
    ),
    crossings: z.array(
      z.object({
        flowId: z.string(),
        name: z.string(),
        before: z.array(z.string()),
        after: z.array(z.string()),
      }),
    ),
    context: z.array(
      z.object({
        list: z.string(),
        added: z.array(z.string()),
        removed: z.array(z.string()),
        changed: z.array(z.object({ before: z.string(), after: z.string() })),
      }),
    ),
    meta: z.array(fieldChangeSchema),
    notes: z.object({ before: z.string(), after: z.string() }).nullable(),
    counts: z.object({ added: z.number(), removed: z.number(), changed: z.number() }),
  }),
});
export type DocumentDiffView = z.infer<typeof diffResponseSchema>["diff"];

/** GET /api/audit */
export const auditPageResponseSchema = z.object({
  events: z.array(
    z.object({
      id: z.number(),
      action: z.string(),
      actor: z.object({ id: z.string(), name: z.string() }).nullable(),
      model: z.object({ id: z.string(), title: z.string() }).nullable(),
      detail: z.unknown().optional(),
      createdAt: z.string(),
    }),
  ),
  nextBeforeId: z.number().nullable(),
});
export type AuditPage = z.infer<typeof auditPageResponseSchema>;
/** POST /api/audit/verify */
export const auditVerificationSchema = z.union([
  z.object({ isIntact: z.literal(true), events: z.number() }),
  z.object({ isIntact: z.literal(false), brokenAtId: z.number() }),
]);
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

const activityCountsSchema = z.record(z.string(), z.number());
/** A page of a model's activity feed (GET /api/models/:id/activity). */
export const activityPageSchema = z.object({
  entries: z.array(
    z.object({
      minute: z.string(),
      user: z.object({ id: z.string(), name: z.string() }).nullable(),
      summary: z.object({
        counts: z.object({
          added: activityCountsSchema,
          changed: activityCountsSchema,
          removed: activityCountsSchema,
        }),
        items: z.array(
          z.object({
            kind: z.enum(["diagram", "element", "boundary", "flow", "threat", "mitigation"]),
            id: z.string(),
            name: z.string(),
            change: z.enum(["added", "changed", "removed"]),
          }),
        ),
        notes: z.boolean(),
        context: z.boolean(),
        title: z.boolean(),
      }),
      events: z.array(z.object({ action: z.string(), detail: z.unknown() })),
    }),
  ),
  nextBefore: z.string().nullable(),
});
export type ActivityPage = z.infer<typeof activityPageSchema>;

/** The model's facilitated session (GET /api/models/:id/session); see lib/facilitation. */
export const facilitationSessionSchema = z.object({
  id: z.string(),
  modelId: z.string(),
  status: z.enum(["running", "ended"]),
  revision: z.number(),
  state: z.custom<SessionState>(
    (value) =>
      typeof value === "object" &&
      value !== null &&
      Array.isArray((value as { agenda?: unknown }).agenda),
  ),
  extras: z.object({
    parkingLot: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        authorId: z.string(),
        at: z.number(),
        phase: z.string(),
      }),
    ),
    hands: z.array(z.object({ userId: z.string(), at: z.number() })),
    rating: z
      .object({
        threatId: z.string(),
        method: z.enum(["severity", "dread"]).default("severity"),
        isRevealed: z.boolean(),
      })
      .nullable(),
    verifyAnswers: z.record(z.string(), z.enum(["yes", "no", "not-applicable"])),
    // Sessions stored before who took part was recorded have none.
    participants: z
      .record(z.string(), z.object({ name: z.string(), firstSeenAt: z.number() }))
      .default({}),
    endVersionId: z.number().nullable().default(null),
  }),
  votes: z.array(z.object({ userId: z.string(), name: z.string(), value: z.unknown() })),
  serverNow: z.number(),
});
export type FacilitationSession = z.infer<typeof facilitationSessionSchema>;
export const facilitationSessionResponseSchema = z.object({
  session: facilitationSessionSchema.nullable(),
});
