import { z } from "zod";
import { idSchema } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import {
  createInvitationInput,
  requestReviewInput,
  reviewDecisionInput,
} from "@/lib/review/schemas";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import {
  acceptInvitation,
  inviteToModel,
  listInvitations,
  revokeInvitation,
  viewInvitation,
} from "@/server/services/review/invitations";
import type { ReviewDeps } from "@/server/services/review/review-services";
import { decideReview, listReviews, requestReview } from "@/server/services/review/reviews";

function depsOf(req: ApiRequest): ReviewDeps {
  return { db: req.runtime.db, rooms: req.runtime.rooms, review: req.runtime.review };
}

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "Malformed invitation link");

function tokenOf(req: ApiRequest): string {
  return z.object({ token: tokenSchema }).parse(req.params).token;
}

/** GET /api/models/:id/invitations: pending invitations (owners). */
export async function getInvitations(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const list = await listInvitations(req.runtime.db, {
    modelId: req.pathId(),
    userId: actor.user.id,
  });
  return { status: 200, body: { invitations: list } };
}

/** POST /api/models/:id/invitations {email, role}: invites someone by email (owners). */
export async function postInvitation(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  const input = await req.body(createInvitationInput);
  if (!req.runtime.review.invitationLimiter.hit(actor.user.id)) {
    throw new AppError("rate_limited", "Too many invitations in the last hour; try again later");
  }
  const invitation = await inviteToModel(depsOf(req), { modelId, userId: actor.user.id, ...input });
  return { status: 201, body: { invitation } };
}

/** DELETE /api/models/:id/invitations/:invitationId: withdraws a pending invitation (owners). */
export async function deleteInvitation(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  const invitationId = z.object({ invitationId: idSchema }).parse(req.params).invitationId;
  await revokeInvitation(req.runtime.db, { modelId, userId: actor.user.id, invitationId });
  return { status: 204 };
}

/** GET /api/invitations/:token: what the link offers; no sign-in needed (the token is secret). */
export async function getInvitationByToken(req: ApiRequest): Promise<ApiResult> {
  return { status: 200, body: { invitation: await viewInvitation(req.runtime.db, tokenOf(req)) } };
}

/** POST /api/invitations/:token/accept: joins the model as the invited role. */
export async function postInvitationAccept(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const accepted = await acceptInvitation(depsOf(req), {
    token: tokenOf(req),
    userId: actor.user.id,
    email: actor.user.email,
  });
  return { status: 200, body: accepted };
}

/** GET /api/models/:id/reviews: the review state, reviews and sign-offs. */
export async function getReviews(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  return {
    status: 200,
    body: await listReviews(depsOf(req), { modelId: req.pathId(), userId: actor.user.id }),
  };
}

/** POST /api/models/:id/reviews {reviewerIds, message, dueDate?}: asks members for a review. */
export async function postReview(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  const input = await req.body(requestReviewInput);
  const answer = await requestReview(depsOf(req), { modelId, userId: actor.user.id, ...input });
  return { status: 201, body: answer };
}

/** POST /api/models/:id/reviews/:reviewId/decision {decision, note}: approve or request changes. */
export async function postReviewDecision(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  const reviewId = z.object({ reviewId: idSchema }).parse(req.params).reviewId;
  const input = await req.body(reviewDecisionInput);
  const answer = await decideReview(depsOf(req), {
    modelId,
    reviewId,
    userId: actor.user.id,
    ...input,
  });
  return { status: 200, body: answer };
}
