/**
 * The relational schema: one definition for PGlite (embedded) and PostgreSQL.
 * Migrations in drizzle/migrations are generated from this file by `npm run db:generate`.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** Binary column; node-postgres answers Buffer and PGlite Uint8Array, both read as Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  /** Stored lower-cased; unique. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** scrypt hash in the format of server/auth/password.ts; null for accounts that only use OIDC. */
  passwordHash: text("password_hash"),
  /**
   * When the owner of the address proved they receive its mail (a link from a verification
   * email, or a single sign-on provider saying it verified it); null until then. Only a verified
   * address is ever matched by email (members, ADMIN_EMAILS, single sign-on linking).
   */
  emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
  /** How discussion reaches them by email: "each" message, a daily "digest", or "off". */
  emailNotifications: text("email_notifications").notNull().default("each"),
  /** When their last daily digest went out (null: never). */
  digestSentAt: timestamp("digest_sent_at", { withTimezone: true }),
  createdAt: createdAt(),
});
export type UserRow = typeof users.$inferSelect;

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** SHA-256 of the token, hex; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters of the token, so a user can tell tokens apart. */
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/**
 * Browser sign-ins: each session cookie (a next-auth JWT) names one row by its `sid`. A revoked
 * or expired row ends the session on the server, whatever the cookie says: signing out, or an
 * administrator, revokes it.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
export type SessionRow = typeof sessions.$inferSelect;

export const models = pgTable("models", {
  id: text("id").primaryKey(),
  /** Projection of the shared document's meta.title, kept for listing without loading documents. */
  title: text("title").notNull(),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type ModelRow = typeof models.$inferSelect;

export const memberships = pgTable(
  "memberships",
  {
    modelId: text("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** One of lib/model/roles.ts ROLES. */
    role: text("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.modelId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
  ],
);
export type MembershipRow = typeof memberships.$inferSelect;

/** The append-only log of Yjs updates since the latest snapshot of each model. */
export const docUpdates = pgTable(
  "doc_updates",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    bytes: bytea("bytes").notNull(),
    /** Who sent the update; null for server-side changes (migrations, API renames). */
    userId: text("user_id"),
    createdAt: createdAt(),
  },
  (t) => [index("doc_updates_model_seq_idx").on(t.modelId, t.seq)],
);

/** Full document states: automatic compactions, named versions and phase checkpoints. */
export const docSnapshots = pgTable(
  "doc_snapshots",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    /** 1, 2, 3… per model. */
    version: integer("version").notNull(),
    state: bytea("state").notNull(),
    /** The highest doc_updates.seq folded into this state. */
    uptoSeq: bigint("upto_seq", { mode: "number" }).notNull(),
    label: text("label"),
    /** auto | named | phase */
    kind: text("kind").notNull(),
    createdBy: text("created_by"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("doc_snapshots_model_version_idx").on(t.modelId, t.version)],
);
export type DocSnapshotRow = typeof docSnapshots.$inferSelect;

/**
 * Who changed what in a model, per person and minute: written with the document updates it
 * describes (same transaction), so it outlives compaction of the update log. A minute may have
 * several rows (one per append); readers add them up.
 */
export const modelActivity = pgTable(
  "model_activity",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    /** What changed: counts per entity kind and change, named items, notes, context, title. */
    summary: jsonb("summary").notNull(),
  },
  (t) => [index("model_activity_model_minute_idx").on(t.modelId, t.minute)],
);
export type ModelActivityRow = typeof modelActivity.$inferSelect;

/**
 * Facilitated sessions of a model: the state machine of lib/facilitation/session.ts, changed
 * only through the server's commands (owners and facilitators), at most one running per model.
 * `revision` rises with every change, so two facilitators' commands never overwrite each other.
 */
export const facilitationSessions = pgTable(
  "facilitation_sessions",
  {
    id: text("id").primaryKey(),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    /** "running" or "ended". */
    status: text("status").notNull(),
    state: jsonb("state").notNull(),
    /** Parking lot, raised hands and votes' reveal: what participants add, beside the state. */
    extras: jsonb("extras").notNull(),
    revision: integer("revision").notNull().default(1),
    startedBy: text("started_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("facilitation_sessions_model_idx").on(t.modelId),
    uniqueIndex("facilitation_sessions_one_running_idx")
      .on(t.modelId)
      .where(sql`${t.status} = 'running'`),
  ],
);
export type FacilitationSessionRow = typeof facilitationSessions.$inferSelect;

/**
 * Votes of a group rating, secret until the facilitator reveals them: kept here, never in the
 * shared document or the session state, so no participant can read them off the wire early.
 */
export const sessionVotes = pgTable(
  "session_votes",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => facilitationSessions.id, { onDelete: "cascade" }),
    threatId: text("threat_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The rating: DREAD factors on the model's scale, or a severity. */
    value: jsonb("value").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.threatId, t.userId] })],
);

/**
 * Append-only, hash-chained record of security-relevant actions: each row stores the hash of
 * the row before it, so a changed or deleted row breaks the chain.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    modelId: text("model_id"),
    detail: jsonb("detail")
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_events_model_idx").on(t.modelId)],
);
export type AuditEventRow = typeof auditEvents.$inferSelect;

/**
 * The organisation's threat-generation rule sets (a self-hosted instance is one organisation).
 * Everyone signed in may read and use them; rule-set administrators change them.
 */
export const ruleSets = pgTable("rule_sets", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  /** The rules in the lib/stride rule format (Rule[]), validated with parseRuleSet on write. */
  rules: jsonb("rules")
    .notNull()
    .default(sql`'[]'::jsonb`),
  /** Disabled sets are kept but not used for generation. */
  isEnabled: boolean("is_enabled").notNull().default(true),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type RuleSetRow = typeof ruleSets.$inferSelect;

/**
 * Discussion threads on a model or one of its parts. Kept here, not in the shared document:
 * discussion must not grow the document, and only the server's policies decide who writes it.
 */
export const threads = pgTable(
  "threads",
  {
    id: text("id").primaryKey(),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    /** What the thread is about: lib/review/targets.ts THREAD_TARGET_KINDS. */
    targetKind: text("target_kind").notNull(),
    /** The id of the threat, element, flow… in the document; "" for the model itself. */
    targetId: text("target_id").notNull().default(""),
    subject: text("subject").notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by").references(() => users.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    /** When its newest message was written: threads are listed by it. */
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("threads_model_idx").on(t.modelId, t.lastMessageAt),
    index("threads_target_idx").on(t.modelId, t.targetKind, t.targetId),
  ],
);
export type ThreadRow = typeof threads.$inferSelect;

/** The messages of a thread, oldest first; the first one opens it. */
export const comments = pgTable(
  "comments",
  {
    id: text("id").primaryKey(),
    threadId: text("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    /** Markdown, rendered sanitised (lib/review/markdown.ts). */
    body: text("body").notNull(),
    /** The message this one quotes, in the same thread. */
    quotedId: text("quoted_id"),
    /** Members @mentioned in the body, by user id. */
    mentions: jsonb("mentions")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** "web", or "email" for a reply received by mail. */
    source: text("source").notNull().default("web"),
    createdAt: createdAt(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [index("comments_thread_idx").on(t.threadId, t.createdAt)],
);
export type CommentRow = typeof comments.$inferSelect;

/** Earlier texts of edited messages: each edit keeps the body it replaced. */
export const commentEdits = pgTable(
  "comment_edits",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    commentId: text("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    /** When the replaced text had been written (or last edited). */
    writtenAt: timestamp("written_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("comment_edits_comment_idx").on(t.commentId)],
);

/**
 * Each user's inbox across their models: one row per thing that concerns them (a message in a
 * thread they are in, a mention, a review request). Unread until they open or mark it.
 */
export const inboxItems = pgTable(
  "inbox_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    threadId: text("thread_id").references(() => threads.id, { onDelete: "cascade" }),
    commentId: text("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    reviewId: text("review_id"),
    /** lib/review/inbox.ts INBOX_REASONS. */
    reason: text("reason").notNull(),
    /** Who caused it (the author, the reviewer). */
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    isRead: boolean("is_read").notNull().default(false),
    isArchived: boolean("is_archived").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("inbox_items_user_idx").on(t.userId, t.isArchived, t.id),
    index("inbox_items_unread_idx")
      .on(t.userId)
      .where(sql`${t.isRead} = false and ${t.isArchived} = false`),
  ],
);
export type InboxItemRow = typeof inboxItems.$inferSelect;

/**
 * Email waiting to be sent, sent, or given up on: requests only add rows, and a worker sends
 * them and retries failures with back-off, so sending never holds up a request and a restart
 * loses nothing.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    toAddress: text("to_address").notNull(),
    /** The message: subject, text, html and threading headers (server/mail/outbox.ts). */
    message: jsonb("message").notNull(),
    /** "pending", "sent" or "failed" (given up after the last attempt). */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

/**
 * The reply-to keys of notification email, one per person and thread: a reply sent to the
 * signed address made from the key is written to that thread as that person.
 */
export const replyKeys = pgTable(
  "reply_keys",
  {
    key: text("key").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: text("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("reply_keys_user_thread_idx").on(t.userId, t.threadId)],
);

/**
 * Every email received by the inbound listener and what became of it. Its fingerprints are
 * unique, so the same reply delivered twice (or replayed) is written once at most.
 */
export const inboundMail = pgTable("inbound_mail", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** The Message-ID header, or a hash of the message when it has none. */
  messageKey: text("message_key").notNull().unique(),
  /** SHA-256 of the reply key and the reply's text: the same text resent under a new id. */
  contentKey: text("content_key").unique(),
  sender: text("sender").notNull(),
  recipient: text("recipient").notNull(),
  /** "accepted" or why it was refused. */
  outcome: text("outcome").notNull(),
  commentId: text("comment_id"),
  createdAt: createdAt(),
});

/** Invitations by email to people without an account (yet); accepted once, then spent. */
export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role").notNull(),
    /** SHA-256 of the token in the link, hex; the token itself is only in the email. */
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("invitations_model_idx").on(t.modelId)],
);
export type InvitationRow = typeof invitations.$inferSelect;

/** Requests for review of a model: who asked, why, by when. */
export const reviews = pgTable(
  "reviews",
  {
    id: text("id").primaryKey(),
    modelId: text("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    message: text("message").notNull().default(""),
    dueAt: timestamp("due_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("reviews_model_idx").on(t.modelId, t.createdAt)],
);

/**
 * Each reviewer of a review and their decision: pending, or approved / changes requested on a
 * named version of the document saved when they decided.
 */
export const reviewDecisions = pgTable(
  "review_decisions",
  {
    reviewId: text("review_id")
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** "pending", "approved" or "changes-requested". */
    decision: text("decision").notNull().default("pending"),
    /** The version (doc_snapshots.id) the decision is about. */
    versionId: bigint("version_id", { mode: "number" }),
    note: text("note").notNull().default(""),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.userId] }),
    index("review_decisions_user_idx").on(t.userId),
  ],
);
