"use client";

import { useCallback, useEffect, useState } from "react";
import { getErrorMessage, isAbortError } from "@/components/api/api-client";
import { createToken, listTokens, revokeToken } from "@/components/api/endpoints";
import type { ApiToken } from "@/components/api/schemas";

export type TokensState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; tokens: ApiToken[] };

/** The user's API tokens and the actions on them; actions throw ApiError for their dialogs. */
export function useTokens() {
  const [state, setState] = useState<TokensState>({ status: "loading" });
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listTokens(controller.signal)
      .then((tokens) => setState({ status: "ready", tokens }))
      .catch((caught: unknown) => {
        if (!isAbortError(caught)) setState({ status: "error", message: getErrorMessage(caught) });
      });
    return () => controller.abort();
  }, [reloadKey]);

  const reload = useCallback(() => {
    setState({ status: "loading" });
    setReloadKey((key) => key + 1);
  }, []);

  /** Creates a token and returns its secret, which the API shows only this once. */
  const create = useCallback(async (name: string) => {
    const { token, secret } = await createToken(name);
    setState((current) =>
      current.status === "ready"
        ? { status: "ready", tokens: [token, ...current.tokens] }
        : current,
    );
    return { token, secret };
  }, []);

  const revoke = useCallback(async (tokenId: string) => {
    await revokeToken(tokenId);
    const revokedAt = new Date().toISOString();
    setState((current) =>
      current.status === "ready"
        ? {
            status: "ready",
            tokens: current.tokens.map((token) =>
              token.id === tokenId ? { ...token, revokedAt: token.revokedAt ?? revokedAt } : token,
            ),
          }
        : current,
    );
  }, []);

  return { state, reload, create, revoke };
}
