import { createTokenInput } from "@/lib/api/schemas";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { listApiTokens } from "@/server/services/tokens/list-api-tokens";
import { listMemberModelIds } from "@/server/services/members/list-member-model-ids";
import { revokeApiToken } from "@/server/services/tokens/revoke-api-token";
import { authorize, MEMBER } from "@/server/policies/policy";

/** POST /api/tokens: create a personal API token; the secret is in this answer only. */
export async function postToken(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  authorize(MEMBER, "instance.manage-own-tokens", { kind: "instance" });
  const input = await req.body(createTokenInput);
  const created = await createApiToken(req.runtime.db, { userId: actor.user.id, name: input.name });
  return { status: 201, body: created };
}

/** GET /api/tokens: the user's tokens. */
export async function getTokens(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  authorize(MEMBER, "instance.manage-own-tokens", { kind: "instance" });
  return { status: 200, body: { tokens: await listApiTokens(req.runtime.db, actor.user.id) } };
}

/**
 * DELETE /api/tokens/:id: revoke a token; its open websockets are closed here at once, and on
 * other nodes as soon as they re-check the models of its owner (announced through the bus).
 */
export async function deleteToken(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  authorize(MEMBER, "instance.manage-own-tokens", { kind: "instance" });
  const tokenId = req.pathId();
  await revokeApiToken(req.runtime.db, { userId: actor.user.id, tokenId });
  for (const { connection } of req.runtime.rooms.connections()) {
    if (connection.tokenId === tokenId)
      connection.close(CLOSE_CODES.unauthenticated, "token revoked");
  }
  const modelIds = await listMemberModelIds(req.runtime.db, actor.user.id);
  await Promise.all(modelIds.map((modelId) => req.runtime.rooms.reportAccessChanged(modelId)));
  return { status: 204 };
}
