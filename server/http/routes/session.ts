import { z } from "zod";
import { SESSION_PHASES } from "@/lib/facilitation/session";
import { STRIDE_CATEGORIES } from "@/lib/model/threats";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { authorizeOnModel, type ModelAction } from "@/server/policies/policy";
import {
  type PublicSession,
  castVote,
  getSession,
  parkIdea,
  runSessionCommand,
  setHand,
  startSession,
  voteValueSchema,
  type FacilitatorCommand,
} from "@/server/services/facilitation/sessions";
import { getMemberRole } from "@/server/services/members/get-member-role";

const id = z.string().min(1).max(64);
const reason = z.string().max(500);

const startInput = z.object({
  scope: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("model") }),
      z.object({ kind: z.literal("diagram"), diagramId: id }),
      z.object({ kind: z.literal("selection"), targetIds: z.array(id).min(1).max(5_000) }),
    ])
    .default({ kind: "model" }),
});

const commandInput = z.object({
  command: z.discriminatedUnion("type", [
    z.object({ type: z.literal("next") }),
    z.object({ type: z.literal("previous") }),
    z.object({
      type: z.literal("go-to"),
      itemIndex: z.number().int().min(0),
      categoryIndex: z.number().int().min(0).optional(),
    }),
    z.object({
      type: z.literal("mark"),
      targetId: id,
      category: z.enum(STRIDE_CATEGORIES),
      state: z.enum(["found", "none-found"]),
    }),
    z.object({ type: z.literal("skip-category"), reason }),
    z.object({ type: z.literal("skip-item"), targetId: id, reason }),
    z.object({ type: z.literal("move-item"), targetId: id, toIndex: z.number().int().min(0) }),
    z.object({
      type: z.literal("add-item"),
      item: z.object({
        targetId: id,
        targetKind: z.enum(["element", "flow"]),
        name: z.string().max(200),
        categories: z.array(z.enum(STRIDE_CATEGORIES)).min(1).max(6),
      }),
    }),
    z.object({ type: z.literal("set-phase"), phase: z.enum(SESSION_PHASES) }),
    z.object({
      type: z.literal("extend-timer"),
      timer: z.enum(["item", "phase"]),
      minutes: z.number().int().min(1).max(120),
    }),
    z.object({ type: z.literal("take-over") }),
    z.object({ type: z.literal("end") }),
    z.object({ type: z.literal("open-rating"), threatId: id }),
    z.object({ type: z.literal("reveal-votes") }),
    z.object({ type: z.literal("close-rating") }),
    z.object({
      type: z.literal("answer-verification"),
      questionId: z.string().min(1).max(64),
      answer: z.enum(["yes", "no", "not-applicable"]),
    }),
    z.object({ type: z.literal("lower-hand"), userId: id }),
    z.object({ type: z.literal("remove-parked"), id }),
  ]),
});

/** The actor, allowed `action` on the model in the path. */
async function actorOn(req: ApiRequest, action: ModelAction) {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(await getMemberRole(req.runtime.db, { modelId, userId: actor.user.id }), action);
  return { userId: actor.user.id, modelId };
}

/** The session as it is now, for the answer. */
async function answerWithSession(
  req: ApiRequest,
  modelId: string,
  status = 200,
): Promise<ApiResult> {
  return { status, body: { session: await getSession(req.runtime.db, modelId) } };
}

/**
 * After a change: sends the session to every connection of the model on this node (the same
 * for every member: votes are in it only once revealed), tells the other nodes to have theirs
 * fetch it, and answers with it.
 */
function announceSession(
  req: ApiRequest,
  modelId: string,
  session: PublicSession,
  status = 200,
): ApiResult {
  req.runtime.rooms.reportSessionChanged(
    modelId,
    new TextEncoder().encode(JSON.stringify(session)),
  );
  return { status, body: { session } };
}

/** GET /api/models/:id/session: the running session, or the last one; null when none. */
export async function getModelSession(req: ApiRequest): Promise<ApiResult> {
  const { modelId } = await actorOn(req, "model.read");
  return answerWithSession(req, modelId);
}

/** POST /api/models/:id/session {scope}: starts a session (owners and facilitators). */
export async function postModelSession(req: ApiRequest): Promise<ApiResult> {
  const { modelId, userId } = await actorOn(req, "model.run-session");
  const input = await req.body(startInput);
  const session = await startSession(req.runtime.db, req.runtime.rooms, {
    modelId,
    userId,
    scope: input.scope,
  });
  return announceSession(req, modelId, session, 201);
}

/** POST /api/models/:id/session/commands {command}: steers the session (owners, facilitators). */
export async function postSessionCommand(req: ApiRequest): Promise<ApiResult> {
  const { modelId, userId } = await actorOn(req, "model.run-session");
  const input = await req.body(commandInput);
  const session = await runSessionCommand(req.runtime.db, req.runtime.rooms, {
    modelId,
    userId,
    command: input.command as FacilitatorCommand,
  });
  return announceSession(req, modelId, session);
}

/** POST /api/models/:id/session/parking-lot {text}: parks an idea (participants). */
export async function postParkedIdea(req: ApiRequest): Promise<ApiResult> {
  const { modelId, userId } = await actorOn(req, "model.join-session");
  const input = await req.body(z.object({ text: z.string().max(2_000) }));
  const session = await parkIdea(req.runtime.db, { modelId, userId, text: input.text });
  return announceSession(req, modelId, session, 201);
}

/** PUT /api/models/:id/session/hand {isRaised}: raises or lowers the actor's hand. */
export async function putHand(req: ApiRequest): Promise<ApiResult> {
  const { modelId, userId } = await actorOn(req, "model.join-session");
  const input = await req.body(z.object({ isRaised: z.boolean() }));
  const session = await setHand(req.runtime.db, { modelId, userId, isRaised: input.isRaised });
  return announceSession(req, modelId, session);
}

/** PUT /api/models/:id/session/vote {threatId, value}: the actor's secret vote. */
export async function putVote(req: ApiRequest): Promise<ApiResult> {
  const { modelId, userId } = await actorOn(req, "model.join-session");
  const input = await req.body(z.object({ threatId: id, value: voteValueSchema }));
  const session = await castVote(req.runtime.db, { modelId, userId, ...input });
  return announceSession(req, modelId, session);
}
