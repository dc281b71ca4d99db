"use client";

import { useCallback } from "react";
import { createToken, listTokens, revokeToken } from "@/components/api/endpoints";
import type { ApiToken } from "@/components/api/schemas";
import { useResourceList, type ResourceListState } from "@/components/api/use-resource-list";

export type TokensState = ResourceListState<ApiToken>;

/** The user's API tokens and the actions on them; actions throw ApiError for their dialogs. */
export function useTokens() {
  const { state, reload, update } = useResourceList(listTokens);

  /** Creates a token and returns its secret, which the API shows only this once. */
  const create = useCallback(
    async (name: string) => {
      const { token, secret } = await createToken(name);
      update((tokens) => [token, ...tokens]);
      return { token, secret };
    },
    [update],
  );

  const revoke = useCallback(
    async (tokenId: string) => {
      await revokeToken(tokenId);
      const revokedAt = new Date().toISOString();
      update((tokens) =>
        tokens.map((token) =>
          token.id === tokenId ? { ...token, revokedAt: token.revokedAt ?? revokedAt } : token,
        ),
      );
    },
    [update],
  );

  return { state, reload, create, revoke };
}
