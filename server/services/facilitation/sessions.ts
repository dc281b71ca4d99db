import { setTimeout as delay } from "node:timers/promises";
import { and, desc, eq } from "drizzle-orm";
import { nanoid } from "nanoid";
import type * as Y from "yjs";
import { z } from "zod";
import {
  facilitationSessions,
  sessionVotes,
  users,
  type FacilitationSessionRow,
} from "@/drizzle/schema";
import { diffByReference } from "@/lib/collab/json-patch";
import { encodeJsonMessage, MESSAGE_SESSION_CHANGED } from "@/lib/collab/messages";
import { computeCrossings } from "@/lib/diagram/crossings";
import { AppError } from "@/lib/errors";
import { buildAgenda, type AgendaScope } from "@/lib/facilitation/agenda";
import type { FacilitatorCommand, SessionNotice } from "@/lib/facilitation/commands";
import {
  applySessionCommand,
  SESSION_PHASE_LABELS,
  SessionCommandError,
  startSession as startSessionState,
  type CommandContext,
  type SessionState,
} from "@/lib/facilitation/session";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { DREAD_SCALE_OF_MODEL_SCALE, getDreadScale } from "@/lib/model/meta";
import { DREAD_FACTOR_RANGES } from "@/lib/risk/dread";
import { getThreatRisk, listThreats, THREAT_SEVERITIES } from "@/lib/model/threats";
import type { RoomManager } from "@/server/collab/room-manager";
import type { Database } from "@/server/db/client";
import { log } from "@/server/logger";
import { saveVersion } from "@/server/services/versions/versions";

/** What participants add beside the state machine's state. */
export interface SessionExtras {
  parkingLot: { id: string; text: string; authorId: string; at: number; phase: string }[];
  hands: { userId: string; at: number }[];
  /** The threat being rated by the group, how, and whether its votes are shown. */
  rating: { threatId: string; method: "severity" | "dread"; isRevealed: boolean } | null;
  /** Verify phase: answers to the checklist (lib/facilitation/prompts.ts). */
  verifyAnswers: Record<string, "yes" | "no" | "not-applicable">;
  /** Who took part: everyone who had the model open while the session moved, by user id. */
  participants: Record<string, { name: string; firstSeenAt: number }>;
  /** The version of the model saved when the session ended: what the summary shows. */
  endVersionId: number | null;
}

const EMPTY_EXTRAS: SessionExtras = {
  parkingLot: [],
  hands: [],
  rating: null,
  verifyAnswers: {},
  participants: {},
  endVersionId: null,
};

/** A vote: a bug-bar severity, or DREAD factors on the model's scale (checked when recorded). */
export const voteValueSchema = z.union([
  z.object({ severity: z.enum(THREAT_SEVERITIES) }),
  z.object({
    dread: z.object({
      damage: z.number().int().min(0).max(10),
      reproducibility: z.number().int().min(0).max(10),
      exploitability: z.number().int().min(0).max(10),
      affectedUsers: z.number().int().min(0).max(10),
      discoverability: z.number().int().min(0).max(10),
    }),
  }),
]);
export type VoteValue = z.infer<typeof voteValueSchema>;

/** One member's vote on the threat being rated: its value only once revealed. */
export interface PublicVote {
  userId: string;
  name: string;
  value: VoteValue | null;
}

/** The session as a member sees it. */
export interface PublicSession {
  id: string;
  modelId: string;
  status: "running" | "ended";
  revision: number;
  state: SessionState;
  extras: SessionExtras;
  /** Who voted on the threat being rated; their votes only once revealed. */
  votes: PublicVote[];
  /** The server's clock when this was read: clients time the timeboxes against it. */
  serverNow: number;
}

const PARKED_TEXT_LIMIT = 500;
/** How long after sending a change it is written (see `change`). */
const WRITE_DELAY_MS = 25;
const PARKING_LOT_LIMIT = 200;

/** A session as this node holds it: the stored row's fields, and the current rating's votes. */
interface HeldSession {
  id: string;
  modelId: string;
  revision: number;
  state: SessionState;
  extras: SessionExtras;
  /** Every vote on the threat being rated, values included: hidden by `toPublic`. */
  votes: { userId: string; name: string; value: unknown }[];
  /** What this node last sent its connections, to send the next change as a patch of it. */
  pushed: PublicSession | null;
}

/** What a change makes of the held session's state and extras. */
type SessionChange = { state: SessionState; extras: SessionExtras };

/** The threat ids ordered by risk (highest first), unrated ones last, for the Fix phase. */
function threatsByRisk(doc: Y.Doc): string[] {
  const scale = getDreadScale(doc);
  return listThreats(doc)
    .map((threat) => ({ id: threat.id, risk: getThreatRisk(threat, scale)?.value ?? -1 }))
    .sort((a, b) => b.risk - a.risk || a.id.localeCompare(b.id))
    .map((threat) => threat.id);
}

function contextOf(doc: Y.Doc, now: number): CommandContext {
  const threats = listThreats(doc);
  return {
    now,
    countThreats: (targetId, category) =>
      threats.filter((threat) => threat.targetId === targetId && threat.category === category)
        .length,
    threatsByRisk: () => threatsByRisk(doc),
  };
}

/** The session as every member may see it: vote values only after the reveal. */
function toPublic(held: HeldSession): PublicSession {
  const isRevealed = held.extras.rating?.isRevealed === true;
  return {
    id: held.id,
    modelId: held.modelId,
    status: held.state.status === "ended" ? "ended" : "running",
    revision: held.revision,
    state: held.state,
    extras: held.extras,
    votes: held.votes.map((vote) => ({
      userId: vote.userId,
      name: vote.name,
      value: isRevealed ? (voteValueSchema.safeParse(vote.value).data ?? null) : null,
    })),
    serverNow: Date.now(),
  };
}

/**
 * The facilitated sessions of a server node, enforced on the server: a session's state lives
 * in the database and changes only through this class, after the caller checked the actor's
 * role (run: owners and facilitators; join: everyone but viewers). Commands come over HTTP or
 * over the member's socket (MESSAGE_SESSION_COMMAND), where the connection's role is already
 * known.
 *
 * A move has to reach everyone about as fast as an edit of the document does, so the running
 * session of each model is held in memory beside its row, and a change is:
 * 1. computed from the held session (no database read), one change at a time per model;
 * 2. sent at once to the model's connections on this node (as a patch, see `push`);
 * 3. written to its row, WRITE_DELAY_MS later, only if the row still has the revision this
 *    node held. The write is what survives a restart (a shutdown waits for it); sending first
 *    saves the participants a database round trip, and the pause keeps the write from
 *    competing with the delivery.
 * 4. announced to the other nodes, whose connections then fetch the stored row.
 * When the write finds the row changed (another node's facilitator moved first), the held
 * session is dropped, the stored one is sent to everyone instead, and the actor gets 409. A
 * held session is trusted only while the model's room is loaded here (see `heldFor`).
 * Votes of a group rating stay in their own table and out of what members see until the reveal.
 */
export class FacilitationSessions {
  /** Running sessions held by this node, by model id. */
  private readonly held = new Map<string, HeldSession>();
  /** The tail of each model's chain of changes: one at a time per model on this node. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Writes under way, awaited at shutdown. */
  private readonly writes = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Database,
    private readonly rooms: RoomManager,
  ) {
    rooms.onRemoteSessionChange = (modelId) => this.held.delete(modelId);
    rooms.onRoomCreated = (modelId) => this.held.delete(modelId);
  }

  /**
   * The session this node holds for the model, if it can be trusted: only while the model's
   * room is loaded, since only a loaded room hears the other nodes' announcements (a new room
   * drops what was held before it).
   */
  private heldFor(modelId: string): HeldSession | undefined {
    return this.rooms.peek(modelId) ? this.held.get(modelId) : undefined;
  }

  /**
   * The model's running session, or its last one, as every member sees it: the votes of the
   * threat being rated show who voted, and what only after the reveal. Null when the model
   * never had a session.
   */
  async get(modelId: string): Promise<PublicSession | null> {
    const held = this.heldFor(modelId);
    if (held) return toPublic(held);
    const [row] = await this.db
      .select()
      .from(facilitationSessions)
      .where(eq(facilitationSessions.modelId, modelId))
      .orderBy(desc(facilitationSessions.createdAt))
      .limit(1);
    return row ? toPublic(await this.fromRow(row)) : null;
  }

  /** One session of the model by id, as every member sees it; null when there is none. */
  async getById(modelId: string, sessionId: string): Promise<PublicSession | null> {
    const held = this.heldFor(modelId);
    if (held?.id === sessionId) return toPublic(held);
    const [row] = await this.db
      .select()
      .from(facilitationSessions)
      .where(
        and(eq(facilitationSessions.modelId, modelId), eq(facilitationSessions.id, sessionId)),
      );
    return row ? toPublic(await this.fromRow(row)) : null;
  }

  /** The model's sessions, newest first: when each ran and who started it. */
  async list(modelId: string): Promise<
    {
      id: string;
      status: "running" | "ended";
      startedAt: number;
      endedAt: number | null;
      startedBy: { id: string; name: string } | null;
    }[]
  > {
    const rows = await this.db
      .select({
        id: facilitationSessions.id,
        status: facilitationSessions.status,
        state: facilitationSessions.state,
        startedById: users.id,
        startedByName: users.name,
        startedByEmail: users.email,
      })
      .from(facilitationSessions)
      .leftJoin(users, eq(users.id, facilitationSessions.startedBy))
      .where(eq(facilitationSessions.modelId, modelId))
      .orderBy(desc(facilitationSessions.createdAt))
      .limit(100);
    return rows.map((row) => {
      const state = row.state as SessionState;
      return {
        id: row.id,
        status: row.status === "ended" ? "ended" : "running",
        startedAt: state.startedAt,
        endedAt: state.endedAt,
        startedBy: row.startedById
          ? { id: row.startedById, name: row.startedByName || (row.startedByEmail ?? "") }
          : null,
      };
    });
  }

  /** Starts a session on the model's current elements and flows; one at a time per model. */
  async start(options: {
    modelId: string;
    userId: string;
    scope: AgendaScope;
  }): Promise<PublicSession> {
    return this.serialize(options.modelId, async () => {
      const agenda = await this.rooms.read(options.modelId, (doc) =>
        buildAgenda(
          { elements: listElements(doc), flows: listFlows(doc), crossings: computeCrossings(doc) },
          options.scope,
        ),
      );
      const state = startSessionState({ agenda, facilitatorId: options.userId, now: Date.now() });
      const extras = { ...EMPTY_EXTRAS, participants: this.presentMembers(options.modelId, {}) };
      let inserted: FacilitationSessionRow | undefined;
      try {
        [inserted] = await this.db
          .insert(facilitationSessions)
          .values({
            id: nanoid(),
            modelId: options.modelId,
            status: "running",
            state,
            extras,
            startedBy: options.userId,
          })
          .returning();
      } catch (error) {
        if (await this.findRunningId(options.modelId)) {
          throw new AppError("conflict", "A session is already running in this model");
        }
        throw error;
      }
      if (!inserted) throw new Error("the session could not be stored");
      const held = await this.fromRow(inserted);
      this.held.set(options.modelId, held);
      const session = this.push(held);
      this.rooms.announceSessionChanged(options.modelId);
      return session;
    });
  }

  /**
   * Applies a facilitator's command to the running session. A change of phase saves a version
   * of the model named after it, and the end one the summary shows (`endVersionId`); taking
   * over makes the actor the facilitator.
   */
  async run(options: {
    modelId: string;
    userId: string;
    command: FacilitatorCommand;
  }): Promise<PublicSession> {
    const { command, modelId } = options;
    return this.change(modelId, async (held) => {
      let { state, extras } = held;
      switch (command.type) {
        case "open-rating":
          // A new round: votes of an earlier round on the same threat are not counted.
          await this.db
            .delete(sessionVotes)
            .where(
              and(eq(sessionVotes.sessionId, held.id), eq(sessionVotes.threatId, command.threatId)),
            );
          held.votes = [];
          extras = {
            ...extras,
            rating: { threatId: command.threatId, method: command.method, isRevealed: false },
          };
          break;
        case "reveal-votes":
          if (!extras.rating) throw new AppError("bad_request", "No threat is being rated");
          extras = { ...extras, rating: { ...extras.rating, isRevealed: true } };
          break;
        case "close-rating":
          extras = { ...extras, rating: null };
          break;
        case "answer-verification":
          extras = {
            ...extras,
            verifyAnswers: { ...extras.verifyAnswers, [command.questionId]: command.answer },
          };
          break;
        case "lower-hand":
          extras = { ...extras, hands: extras.hands.filter((h) => h.userId !== command.userId) };
          break;
        case "remove-parked":
          extras = { ...extras, parkingLot: extras.parkingLot.filter((p) => p.id !== command.id) };
          break;
        default: {
          const sessionCommand =
            command.type === "take-over"
              ? { type: "take-over" as const, facilitatorId: options.userId }
              : command;
          state = await this.rooms.read(modelId, (doc) => {
            try {
              return applySessionCommand(held.state, sessionCommand, contextOf(doc, Date.now()));
            } catch (error) {
              if (error instanceof SessionCommandError) {
                throw new AppError("bad_request", error.message);
              }
              throw error;
            }
          });
        }
      }
      // The model as each phase starts, and as the session leaves it (for the summary), is
      // saved before the change is made: the version exists whenever the change does.
      if (state.status === "ended" && held.state.status !== "ended") {
        const version = await saveVersion(this.db, this.rooms, {
          modelId,
          userId: options.userId,
          label: "End of the session",
          kind: "phase",
        });
        extras = { ...extras, endVersionId: version.id };
      } else if (state.phase !== held.state.phase) {
        await saveVersion(this.db, this.rooms, {
          modelId,
          userId: options.userId,
          label: `Session: start of ${SESSION_PHASE_LABELS[state.phase]}`,
          kind: "phase",
        });
      }
      const participants = this.presentMembers(modelId, extras.participants);
      if (participants !== extras.participants) extras = { ...extras, participants };
      if (
        command.type !== "open-rating" &&
        extras.rating?.threatId !== held.extras.rating?.threatId
      ) {
        held.votes = extras.rating ? await this.readVotes(held.id, extras.rating.threatId) : [];
      }
      return { state, extras };
    });
  }

  /** A participant parks an idea (a fix during Find, anything off-topic) for later. */
  park(options: { modelId: string; userId: string; text: string }): Promise<PublicSession> {
    const text = options.text.trim().slice(0, PARKED_TEXT_LIMIT);
    if (text === "") return Promise.reject(new AppError("bad_request", "Write what to park"));
    return this.change(options.modelId, (held) => {
      if (held.extras.parkingLot.length >= PARKING_LOT_LIMIT) {
        throw new AppError("bad_request", "The parking lot is full");
      }
      const item = {
        id: nanoid(10),
        text,
        authorId: options.userId,
        at: Date.now(),
        phase: held.state.phase,
      };
      return {
        state: held.state,
        extras: { ...held.extras, parkingLot: [...held.extras.parkingLot, item] },
      };
    });
  }

  /** A participant raises or lowers their hand. */
  setHand(options: { modelId: string; userId: string; isRaised: boolean }) {
    return this.change(options.modelId, (held) => {
      const others = held.extras.hands.filter((hand) => hand.userId !== options.userId);
      const hands = options.isRaised
        ? [...others, { userId: options.userId, at: Date.now() }]
        : others;
      return { state: held.state, extras: { ...held.extras, hands } };
    });
  }

  /**
   * A participant's private vote on the threat being rated; a second vote replaces the first.
   * Only that someone voted is shared before the reveal.
   */
  vote(options: {
    modelId: string;
    userId: string;
    threatId: string;
    value: VoteValue;
  }): Promise<PublicSession> {
    return this.change(options.modelId, async (held) => {
      const rating = held.extras.rating;
      if (rating?.threatId !== options.threatId) {
        throw new AppError("bad_request", "That threat is not being rated now");
      }
      if (rating.isRevealed) throw new AppError("bad_request", "The votes are revealed");
      const method = rating.method ?? "severity";
      if (method === "severity" && !("severity" in options.value)) {
        throw new AppError("bad_request", "This threat is rated by severity");
      }
      if (method === "dread") {
        if (!("dread" in options.value)) {
          throw new AppError("bad_request", "This threat is rated with DREAD");
        }
        const scale = await this.rooms.read(options.modelId, getDreadScale);
        const range = DREAD_FACTOR_RANGES[DREAD_SCALE_OF_MODEL_SCALE[scale]];
        const factors = Object.values(options.value.dread);
        if (factors.some((factor) => factor < range.min || factor > range.max)) {
          throw new AppError(
            "bad_request",
            `Rate each DREAD factor from ${range.min} to ${range.max}, the model's scale`,
          );
        }
      }
      await this.db
        .insert(sessionVotes)
        .values({
          sessionId: held.id,
          threatId: options.threatId,
          userId: options.userId,
          value: options.value,
        })
        .onConflictDoUpdate({
          target: [sessionVotes.sessionId, sessionVotes.threatId, sessionVotes.userId],
          set: { value: options.value },
        });
      held.votes = await this.readVotes(held.id, options.threatId);
      return { state: held.state, extras: held.extras };
    });
  }

  /** Waits for the writes under way (at shutdown, before the database closes). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.writes, ...this.queues.values()]);
  }

  /**
   * Runs `compute` on the model's running session, one change at a time on this node, then
   * sends the result, writes it and announces it (see the class comment). `compute` may
   * refresh `held.votes`; every change, a vote too, makes a new revision.
   */
  private change(
    modelId: string,
    compute: (held: HeldSession) => SessionChange | Promise<SessionChange>,
  ): Promise<PublicSession> {
    return this.serialize(modelId, async () => {
      const held = this.heldFor(modelId) ?? (await this.loadRunning(modelId));
      this.held.set(modelId, held);
      const next = await compute(held);
      const updated: HeldSession = { ...held, ...next, revision: held.revision + 1 };
      this.held.set(modelId, updated);
      const session = this.push(updated);
      // The write waits a moment: on a small server it would compete with the delivery of the
      // move for the processor (the session's JSON and the database's work), and the
      // participants are waiting for the move, not for the write.
      const write = delay(WRITE_DELAY_MS).then(() => this.write(held, updated));
      this.writes.add(write);
      try {
        await write;
      } catch (error) {
        this.held.delete(modelId);
        await this.resendStored(modelId);
        throw error;
      } finally {
        this.writes.delete(write);
      }
      if (updated.state.status === "ended") this.held.delete(modelId);
      this.rooms.announceSessionChanged(modelId);
      return session;
    });
  }

  /**
   * Sends the held session to the model's connections on this node: as a patch of what they
   * were sent before (a move changes a few fields of a session whose agenda and coverage can
   * be tens of kilobytes), or whole when this node has sent nothing of it yet. A connection
   * that does not hold the patch's base revision fetches the session instead.
   */
  private push(held: HeldSession): PublicSession {
    const session = toPublic(held);
    const previous = held.pushed;
    const notice: SessionNotice<PublicSession> =
      previous && previous.id === session.id
        ? {
            id: session.id,
            base: previous.revision,
            revision: session.revision,
            patch: diffByReference(previous, session),
          }
        : session;
    held.pushed = session;
    this.rooms.pushSession(held.modelId, encodeJsonMessage(MESSAGE_SESSION_CHANGED, notice));
    return session;
  }

  /** Writes `next` over the row if it still has `held`'s revision; 409 when it changed. */
  private async write(held: HeldSession, next: HeldSession): Promise<void> {
    const [updated] = await this.db
      .update(facilitationSessions)
      .set({
        state: next.state,
        extras: next.extras,
        status: next.state.status,
        revision: next.revision,
        updatedAt: new Date(),
      })
      .where(
        and(eq(facilitationSessions.id, held.id), eq(facilitationSessions.revision, held.revision)),
      )
      .returning({ id: facilitationSessions.id });
    if (!updated) {
      throw new AppError("conflict", "The session changed meanwhile; look again and retry");
    }
  }

  /** After a failed write: sends everyone the stored session instead of the one they got. */
  private async resendStored(modelId: string): Promise<void> {
    try {
      const session = await this.get(modelId);
      if (session) {
        this.rooms.pushSession(modelId, encodeJsonMessage(MESSAGE_SESSION_CHANGED, session));
      }
    } catch (error) {
      // The database is away: the next change reads the row again and sends it.
      log.warn("the stored session could not be read again", { modelId, error });
    }
  }

  /** Runs `task` after every earlier change of the model on this node has finished. */
  private serialize<T>(modelId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(modelId) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(modelId, tail);
    void tail.then(() => {
      if (this.queues.get(modelId) === tail) this.queues.delete(modelId);
    });
    return result;
  }

  private async loadRunning(modelId: string): Promise<HeldSession> {
    const [row] = await this.db
      .select()
      .from(facilitationSessions)
      .where(
        and(eq(facilitationSessions.modelId, modelId), eq(facilitationSessions.status, "running")),
      );
    if (!row) throw new AppError("not_found", "No session is running in this model");
    return this.fromRow(row);
  }

  private async findRunningId(modelId: string): Promise<string | null> {
    const [running] = await this.db
      .select({ id: facilitationSessions.id })
      .from(facilitationSessions)
      .where(
        and(eq(facilitationSessions.modelId, modelId), eq(facilitationSessions.status, "running")),
      );
    return running?.id ?? null;
  }

  private async fromRow(row: FacilitationSessionRow): Promise<HeldSession> {
    const extras = { ...EMPTY_EXTRAS, ...(row.extras as Partial<SessionExtras>) };
    return {
      id: row.id,
      modelId: row.modelId,
      revision: row.revision,
      state: row.state as SessionState,
      extras,
      votes: extras.rating ? await this.readVotes(row.id, extras.rating.threatId) : [],
      pushed: null,
    };
  }

  private async readVotes(sessionId: string, threatId: string): Promise<HeldSession["votes"]> {
    const rows = await this.db
      .select({
        userId: sessionVotes.userId,
        name: users.name,
        email: users.email,
        value: sessionVotes.value,
      })
      .from(sessionVotes)
      .innerJoin(users, eq(users.id, sessionVotes.userId))
      .where(and(eq(sessionVotes.sessionId, sessionId), eq(sessionVotes.threatId, threatId)));
    return rows.map((row) => ({
      userId: row.userId,
      name: row.name || row.email,
      value: row.value,
    }));
  }

  /**
   * `known` plus the members connected to the model on this node now; the same object when
   * nobody new is there (members on other nodes are counted when a change runs there).
   */
  private presentMembers(
    modelId: string,
    known: SessionExtras["participants"],
  ): SessionExtras["participants"] {
    let result = known;
    for (const connection of this.rooms.peek(modelId)?.connections ?? []) {
      if (result[connection.user.id]) continue;
      if (result === known) result = { ...known };
      result[connection.user.id] = { name: connection.user.name, firstSeenAt: Date.now() };
    }
    return result;
  }
}
