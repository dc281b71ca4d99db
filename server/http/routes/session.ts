import { z } from "zod";
import { AppError } from "@/lib/errors";
import { facilitatorCommandSchema } from "@/lib/facilitation/commands";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { authorizeOnModel, type ModelAction } from "@/server/policies/policy";
import { voteValueSchema } from "@/server/services/facilitation/sessions";
import { getMemberRole } from "@/server/services/members/get-member-role";

const id = z.string().min(1).max(64);

const startInput = z.object({
  scope: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("model") }),
      z.object({ kind: z.literal("diagram"), diagramId: id }),
      z.object({ kind: z.literal("selection"), targetIds: z.array(id).min(1).max(5_000) }),
    ])
    .default({ kind: "model" }),
});

const commandInput = z.object({ command: facilitatorCommandSchema });

/** The actor, allowed `action` on the model in the path. */
async function actorOn(req: ApiRequest, action: ModelAction) {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(await getMemberRole(req.runtime.db, { modelId, userId: actor.user.id }), action);
  return { userId: actor.user.id, modelId };
}

/** GET /api/models/:id/session: the running session, or the last one; null when none. */
export async function getModelSession(req: ApiRequest): Promise<ApiResult> {
  const { modelId } = await actorOn(req, "model.read");
  return { status: 200, body: { session: await req.runtime.sessions.get(modelId) } };
}

/** POST /api/models/:id/session {scope}: starts a session (owners and facilitators). */
export async function postModelSession(req: ApiRequest): Promise<ApiResult> {
  const { modelId, userId } = await actorOn(req, "model.run-session");
  const input = await req.body(startInput);
  const session = await req.runtime.sessions.start({ modelId, userId, scope: input.scope });
  return { status: 201, body: { session } };
}

/**
 * POST /api/models/:id/session/commands {command}: steers the session (owners, facilitators).
 * The same commands also come on the model's socket (MESSAGE_SESSION_COMMAND).
 */
export async function postSessionCommand(req: ApiRequest): Promise<ApiResult> {
  const { modelId, userId } = await actorOn(req, "model.run-session");
  const input = await req.body(commandInput);
  const session = await req.runtime.sessions.run({ modelId, userId, command: input.command });
  return { status: 200, body: { session } };
}

/** POST /api/models/:id/session/parking-lot {text}: parks an idea (participants). */
export async function postParkedIdea(req: ApiRequest): Promise<ApiResult> {
  const { modelId, userId } = await actorOn(req, "model.join-session");
  const input = await req.body(z.object({ text: z.string().max(2_000) }));
  const session = await req.runtime.sessions.park({ modelId, userId, text: input.text });
  return { status: 201, body: { session } };
}

/** PUT /api/models/:id/session/hand {isRaised}: raises or lowers the actor's hand. */
export async function putHand(req: ApiRequest): Promise<ApiResult> {
  const { modelId, userId } = await actorOn(req, "model.join-session");
  const input = await req.body(z.object({ isRaised: z.boolean() }));
  const session = await req.runtime.sessions.setHand({
    modelId,
    userId,
    isRaised: input.isRaised,
  });
  return { status: 200, body: { session } };
}

/** PUT /api/models/:id/session/vote {threatId, value}: the actor's secret vote. */
export async function putVote(req: ApiRequest): Promise<ApiResult> {
  const { modelId, userId } = await actorOn(req, "model.join-session");
  const input = await req.body(z.object({ threatId: id, value: voteValueSchema }));
  const session = await req.runtime.sessions.vote({ modelId, userId, ...input });
  return { status: 200, body: { session } };
}

/** GET /api/models/:id/sessions: the model's sessions, newest first. */
export async function getModelSessions(req: ApiRequest): Promise<ApiResult> {
  const { modelId } = await actorOn(req, "model.read");
  return { status: 200, body: { sessions: await req.runtime.sessions.list(modelId) } };
}

/** GET /api/models/:id/sessions/:sessionId: one session, e.g. for its summary page. */
export async function getModelSessionById(req: ApiRequest): Promise<ApiResult> {
  const { modelId } = await actorOn(req, "model.read");
  const sessionId = id.safeParse(req.params.sessionId);
  const session = sessionId.success
    ? await req.runtime.sessions.getById(modelId, sessionId.data)
    : null;
  if (!session) throw new AppError("not_found", "No such session in this model");
  return { status: 200, body: { session } };
}
