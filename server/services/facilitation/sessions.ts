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
import { computeCrossings } from "@/lib/diagram/crossings";
import { AppError } from "@/lib/errors";
import { buildAgenda, type AgendaScope } from "@/lib/facilitation/agenda";
import {
  applySessionCommand,
  SESSION_PHASE_LABELS,
  SessionCommandError,
  startSession as startSessionState,
  type CommandContext,
  type SessionCommand,
  type SessionState,
} from "@/lib/facilitation/session";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { getDreadScale } from "@/lib/model/meta";
import { getThreatRisk, listThreats, THREAT_SEVERITIES } from "@/lib/model/threats";
import type { RoomManager } from "@/server/collab/room-manager";
import type { Database } from "@/server/db/client";
import { saveVersion } from "@/server/services/versions/versions";

/**
 * Facilitated sessions, enforced on the server: the state lives in the database and changes
 * only through these functions, which the HTTP routes call after the policy allowed the actor
 * (run: owners and facilitators; join: everyone but viewers). Every change bumps the row's
 * revision, so two facilitators' commands never overwrite each other; the routes then send the
 * session to every connection of the model (see reportSessionChanged). Votes of a group rating
 * stay in their own table, out of the session state, until the reveal.
 */

/** What participants add beside the state machine's state. */
export interface SessionExtras {
  parkingLot: { id: string; text: string; authorId: string; at: number; phase: string }[];
  hands: { userId: string; at: number }[];
  /** The threat being rated by the group, and whether its votes are shown. */
  rating: { threatId: string; isRevealed: boolean } | null;
  /** Verify phase: answers to the checklist (lib/facilitation/prompts.ts). */
  verifyAnswers: Record<string, "yes" | "no" | "not-applicable">;
}

const EMPTY_EXTRAS: SessionExtras = { parkingLot: [], hands: [], rating: null, verifyAnswers: {} };

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

/** The session as a member sees it. */
export interface PublicSession {
  id: string;
  modelId: string;
  status: "running" | "ended";
  revision: number;
  state: SessionState;
  extras: SessionExtras;
  /** Who voted on the threat being rated; their votes only once revealed. */
  votes: { userId: string; name: string; value: VoteValue | null }[];
  /** The server's clock when this was read: clients time the timeboxes against it. */
  serverNow: number;
}

const PARKED_TEXT_LIMIT = 500;
const PARKING_LOT_LIMIT = 200;

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

async function loadRunning(db: Database, modelId: string) {
  const [row] = await db
    .select()
    .from(facilitationSessions)
    .where(
      and(eq(facilitationSessions.modelId, modelId), eq(facilitationSessions.status, "running")),
    );
  if (!row) throw new AppError("not_found", "No session is running in this model");
  return {
    ...row,
    state: row.state as SessionState,
    extras: { ...EMPTY_EXTRAS, ...(row.extras as SessionExtras) },
  };
}

/**
 * Writes a new state and extras if nobody changed the session since `revision`; a conflict
 * (another facilitator's command in between) is answered 409, to be sent again.
 */
async function storeSession(
  db: Database,
  row: { id: string; revision: number },
  next: { state: SessionState; extras: SessionExtras },
): Promise<FacilitationSessionRow> {
  const [updated] = await db
    .update(facilitationSessions)
    .set({
      state: next.state,
      extras: next.extras,
      status: next.state.status,
      revision: row.revision + 1,
      updatedAt: new Date(),
    })
    .where(
      and(eq(facilitationSessions.id, row.id), eq(facilitationSessions.revision, row.revision)),
    )
    .returning();
  if (!updated) {
    throw new AppError("conflict", "The session changed meanwhile; look again and retry");
  }
  return updated;
}

/** Starts a session on the model's current elements and flows; one at a time per model. */
export async function startSession(
  db: Database,
  rooms: RoomManager,
  options: { modelId: string; userId: string; scope: AgendaScope },
): Promise<PublicSession> {
  const agenda = await rooms.read(options.modelId, (doc) =>
    buildAgenda(
      {
        elements: listElements(doc),
        flows: listFlows(doc),
        crossings: computeCrossings(doc),
      },
      options.scope,
    ),
  );
  const state = startSessionState({ agenda, facilitatorId: options.userId, now: Date.now() });
  try {
    const [inserted] = await db
      .insert(facilitationSessions)
      .values({
        id: nanoid(),
        modelId: options.modelId,
        status: "running",
        state,
        extras: EMPTY_EXTRAS,
        startedBy: options.userId,
      })
      .returning();
    if (!inserted) throw new Error("the session could not be stored");
    return await toPublicSession(db, inserted);
  } catch (error) {
    const [running] = await db
      .select({ id: facilitationSessions.id })
      .from(facilitationSessions)
      .where(
        and(
          eq(facilitationSessions.modelId, options.modelId),
          eq(facilitationSessions.status, "running"),
        ),
      );
    if (running) throw new AppError("conflict", "A session is already running in this model");
    throw error;
  }
}

/** The facilitator's commands beyond the state machine's own. */
export type FacilitatorCommand =
  | SessionCommand
  | { type: "open-rating"; threatId: string }
  | { type: "reveal-votes" }
  | { type: "close-rating" }
  | { type: "answer-verification"; questionId: string; answer: "yes" | "no" | "not-applicable" }
  | { type: "lower-hand"; userId: string }
  | { type: "remove-parked"; id: string };

/**
 * Applies a facilitator's command to the running session. A change of phase saves a version of
 * the model named after it; taking over makes the actor the facilitator.
 */
export async function runSessionCommand(
  db: Database,
  rooms: RoomManager,
  options: { modelId: string; userId: string; command: FacilitatorCommand },
): Promise<PublicSession> {
  const row = await loadRunning(db, options.modelId);
  const { command } = options;
  let { state, extras } = row;
  switch (command.type) {
    case "open-rating":
      extras = { ...extras, rating: { threatId: command.threatId, isRevealed: false } };
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
      extras = { ...extras, hands: extras.hands.filter((hand) => hand.userId !== command.userId) };
      break;
    case "remove-parked":
      extras = {
        ...extras,
        parkingLot: extras.parkingLot.filter((item) => item.id !== command.id),
      };
      break;
    default: {
      const sessionCommand =
        command.type === "take-over" ? { ...command, facilitatorId: options.userId } : command;
      state = await rooms.read(options.modelId, (doc) => {
        try {
          return applySessionCommand(row.state, sessionCommand, contextOf(doc, Date.now()));
        } catch (error) {
          if (error instanceof SessionCommandError)
            throw new AppError("bad_request", error.message);
          throw error;
        }
      });
    }
  }
  const stored = await storeSession(db, row, { state, extras });
  if (
    state.phase !== row.state.phase ||
    (state.status === "ended" && row.state.status !== "ended")
  ) {
    const label =
      state.status === "ended"
        ? "End of the session"
        : `Session: start of ${SESSION_PHASE_LABELS[state.phase]}`;
    await saveVersion(db, rooms, {
      modelId: options.modelId,
      userId: options.userId,
      label,
      kind: "phase",
    });
  }
  return toPublicSession(db, stored);
}

/** A participant parks an idea (a fix during Find, anything off-topic) for later. */
export async function parkIdea(
  db: Database,
  options: { modelId: string; userId: string; text: string },
): Promise<PublicSession> {
  const text = options.text.trim().slice(0, PARKED_TEXT_LIMIT);
  if (text === "") throw new AppError("bad_request", "Write what to park");
  const row = await loadRunning(db, options.modelId);
  if (row.extras.parkingLot.length >= PARKING_LOT_LIMIT) {
    throw new AppError("bad_request", "The parking lot is full");
  }
  const item = {
    id: nanoid(10),
    text,
    authorId: options.userId,
    at: Date.now(),
    phase: row.state.phase,
  };
  const stored = await storeSession(db, row, {
    state: row.state,
    extras: { ...row.extras, parkingLot: [...row.extras.parkingLot, item] },
  });
  return toPublicSession(db, stored);
}

/** A participant raises or lowers their hand. */
export async function setHand(
  db: Database,
  options: { modelId: string; userId: string; isRaised: boolean },
): Promise<PublicSession> {
  const row = await loadRunning(db, options.modelId);
  const others = row.extras.hands.filter((hand) => hand.userId !== options.userId);
  const hands = options.isRaised ? [...others, { userId: options.userId, at: Date.now() }] : others;
  const stored = await storeSession(db, row, {
    state: row.state,
    extras: { ...row.extras, hands },
  });
  return toPublicSession(db, stored);
}

/**
 * A participant's private vote on the threat being rated; a second vote replaces the first.
 * Only that someone voted is shared before the reveal.
 */
export async function castVote(
  db: Database,
  options: { modelId: string; userId: string; threatId: string; value: VoteValue },
): Promise<PublicSession> {
  const row = await loadRunning(db, options.modelId);
  if (row.extras.rating?.threatId !== options.threatId) {
    throw new AppError("bad_request", "That threat is not being rated now");
  }
  if (row.extras.rating.isRevealed) throw new AppError("bad_request", "The votes are revealed");
  await db
    .insert(sessionVotes)
    .values({
      sessionId: row.id,
      threatId: options.threatId,
      userId: options.userId,
      value: options.value,
    })
    .onConflictDoUpdate({
      target: [sessionVotes.sessionId, sessionVotes.threatId, sessionVotes.userId],
      set: { value: options.value },
    });
  return toPublicSession(db, row);
}

/**
 * The model's running session, or its last one, as every member sees it: the votes of the
 * threat being rated show who voted, and what only after the reveal. Null when the model never
 * had a session.
 */
export async function getSession(db: Database, modelId: string): Promise<PublicSession | null> {
  const [row] = await db
    .select()
    .from(facilitationSessions)
    .where(eq(facilitationSessions.modelId, modelId))
    .orderBy(desc(facilitationSessions.createdAt))
    .limit(1);
  return row ? toPublicSession(db, row) : null;
}

/** A stored session as members see it: votes read only while a rating is open. */
async function toPublicSession(db: Database, row: FacilitationSessionRow): Promise<PublicSession> {
  const extras = { ...EMPTY_EXTRAS, ...(row.extras as SessionExtras) };
  const votes = extras.rating
    ? await db
        .select({
          userId: sessionVotes.userId,
          name: users.name,
          email: users.email,
          value: sessionVotes.value,
        })
        .from(sessionVotes)
        .innerJoin(users, eq(users.id, sessionVotes.userId))
        .where(
          and(
            eq(sessionVotes.sessionId, row.id),
            eq(sessionVotes.threatId, extras.rating.threatId),
          ),
        )
    : [];
  const isRevealed = extras.rating?.isRevealed === true;
  return {
    id: row.id,
    modelId: row.modelId,
    status: row.status === "ended" ? "ended" : "running",
    revision: row.revision,
    state: row.state as SessionState,
    extras,
    votes: votes.map((vote) => ({
      userId: vote.userId,
      name: vote.name || vote.email,
      value: isRevealed ? (voteValueSchema.safeParse(vote.value).data ?? null) : null,
    })),
    serverNow: Date.now(),
  };
}
