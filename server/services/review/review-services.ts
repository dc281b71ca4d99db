import type { RoomManager } from "@/server/collab/room-manager";
import type { Database } from "@/server/db/client";
import type { UserEvents } from "@/server/events/user-events";
import type { RateLimiter } from "@/server/auth/rate-limit";
import type { MailOutbox } from "@/server/mail/outbox";
import type { LiveThreads } from "@/server/services/review/live-threads";

/** What discussion needs beside the database: live pushes, mail, and how mail is addressed. */
export interface ReviewServices {
  /** Per-user events (the inbox count), on every node. */
  userEvents: UserEvents;
  /** Sends queued email; kicked after each write that queued some. */
  outbox: MailOutbox;
  /** The app's public URL, for links in email. */
  publicUrl: string;
  /** The host part of the Message-IDs of notification email. */
  messageIdDomain: string;
  /** Reply by email, when the inbound listener runs: the reply domain and the signing secret. */
  replyAddresses: { domain: string; secret: string } | null;
  /** Messages written, by user id: each may send email to many people. */
  messageLimiter: RateLimiter;
  /** Invitations sent, by user id. */
  invitationLimiter: RateLimiter;
  /** Threads written to over the socket lately (see LiveThreads). */
  liveThreads: LiveThreads;
}

/** The services a discussion use case works with. */
export interface ReviewDeps {
  db: Database;
  rooms: RoomManager;
  review: ReviewServices;
}
