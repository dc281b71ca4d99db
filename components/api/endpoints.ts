import type { z } from "zod";
import type { Role } from "@/lib/model/roles";
import { requestJson, requestNoContent } from "./api-client";
import {
  createdTokenResponseSchema,
  memberListResponseSchema,
  modelListResponseSchema,
  modelResponseSchema,
  tokenListResponseSchema,
  userResponseSchema,
  type ApiToken,
  type Member,
  type ModelSummary,
  type User,
} from "./schemas";

/** Typed calls of the HTTP API used by the UI; each throws ApiError on failure. */

function modelUrl(modelId: string): string {
  return `/api/models/${encodeURIComponent(modelId)}`;
}

/** Creates an account; does not sign in. */
export async function createUser(input: {
  email: string;
  name: string;
  password: string;
}): Promise<User> {
  const { user } = await requestJson("/api/users", userResponseSchema, {
    method: "POST",
    body: input,
  });
  return user;
}

export async function fetchCurrentUser(signal?: AbortSignal): Promise<User> {
  const { user } = await requestJson("/api/users/me", userResponseSchema, { signal });
  return user;
}

/** The models the user is a member of, most recently updated first. */
export async function listModels(signal?: AbortSignal): Promise<ModelSummary[]> {
  const { models } = await requestJson("/api/models", modelListResponseSchema, { signal });
  return models;
}

export async function createModel(title: string): Promise<ModelSummary> {
  const { model } = await requestJson("/api/models", modelResponseSchema, {
    method: "POST",
    body: { title },
  });
  return model;
}

export async function fetchModel(modelId: string, signal?: AbortSignal): Promise<ModelSummary> {
  const { model } = await requestJson(modelUrl(modelId), modelResponseSchema, { signal });
  return model;
}

export async function renameModel(modelId: string, title: string): Promise<ModelSummary> {
  const { model } = await requestJson(modelUrl(modelId), modelResponseSchema, {
    method: "PATCH",
    body: { title },
  });
  return model;
}

export async function deleteModel(modelId: string): Promise<void> {
  await requestNoContent(modelUrl(modelId), { method: "DELETE" });
}

export async function listMembers(modelId: string, signal?: AbortSignal): Promise<Member[]> {
  const { members } = await requestJson(`${modelUrl(modelId)}/members`, memberListResponseSchema, {
    signal,
  });
  return members;
}

/** Replaces the whole member list; the API keeps at least one owner and rejects unknown emails. */
export async function replaceMembers(
  modelId: string,
  members: { email: string; role: Role }[],
): Promise<Member[]> {
  const result = await requestJson(`${modelUrl(modelId)}/members`, memberListResponseSchema, {
    method: "PUT",
    body: { members },
  });
  return result.members;
}

export async function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  const { tokens } = await requestJson("/api/tokens", tokenListResponseSchema, { signal });
  return tokens;
}

/** Creates an API token; the secret is in this answer only and is never shown again. */
export async function createToken(
  name: string,
): Promise<z.infer<typeof createdTokenResponseSchema>> {
  return requestJson("/api/tokens", createdTokenResponseSchema, { method: "POST", body: { name } });
}

export async function revokeToken(tokenId: string): Promise<void> {
  await requestNoContent(`/api/tokens/${encodeURIComponent(tokenId)}`, { method: "DELETE" });
}
