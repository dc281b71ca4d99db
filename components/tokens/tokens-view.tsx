"use client";

import { useState } from "react";
import type { ApiToken } from "@/components/api/schemas";
import { ResourceListStatus } from "@/components/api/resource-list-status";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format-date";
import { KeyIcon, PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/shell";
import { useToast } from "@/components/ui/toast";
import { CreateTokenDialog } from "./create-token-dialog";
import { useTokens } from "./use-tokens";

/** The API tokens page: create (secret shown once), list, revoke. */
export function TokensView() {
  const { notify } = useToast();
  const { state, reload, create, revoke } = useTokens();
  const [isCreating, setIsCreating] = useState(false);
  const [tokenToRevoke, setTokenToRevoke] = useState<ApiToken | null>(null);

  const newTokenButton = (
    <Button icon={<PlusIcon />} onClick={() => setIsCreating(true)}>
      New token
    </Button>
  );

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and CI jobs use the API with your access. Revoke a token you no longer use."
        actions={state.status === "ready" && state.items.length > 0 ? newTokenButton : null}
      />

      <ResourceListStatus
        state={state}
        loadingLabel="Loading your tokens"
        errorTitle="Your tokens could not be loaded"
        onRetry={reload}
        empty={
          <EmptyState
            icon={<KeyIcon className="size-5" />}
            title="No API tokens"
            description="Create a token to call the API from a script or a CI job with your access."
            action={newTokenButton}
          />
        }
      />

      {state.status === "ready" && state.items.length > 0 ? (
        <Card as="div" className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your API tokens</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-5 py-3">
                  Name
                </th>
                <th scope="col" className="px-5 py-3">
                  Token
                </th>
                <th scope="col" className="px-5 py-3">
                  Created
                </th>
                <th scope="col" className="px-5 py-3">
                  Last used
                </th>
                <th scope="col" className="px-5 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {state.items.map((token) => (
                <tr key={token.id}>
                  <th scope="row" className="px-5 py-3 font-medium text-slate-900">
                    {token.name}
                  </th>
                  <td className="px-5 py-3 font-mono text-xs text-slate-600">{token.prefix}…</td>
                  <td className="px-5 py-3 text-slate-600">{formatDateTime(token.createdAt)}</td>
                  <td className="px-5 py-3 text-slate-600">
                    {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}
                  </td>
                  <td className="px-5 py-3 text-right">
                    {token.revokedAt ? (
                      <Badge tone="danger">Revoked</Badge>
                    ) : (
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={`Revoke ${token.name}`}
                        onClick={() => setTokenToRevoke(token)}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}

      {isCreating ? (
        <CreateTokenDialog onCreate={create} onClose={() => setIsCreating(false)} />
      ) : null}

      {tokenToRevoke ? (
        <ConfirmDialog
          title="Revoke token?"
          description={
            <p>
              Scripts using “
              <strong className="font-semibold text-slate-900">{tokenToRevoke.name}</strong>” will
              stop working immediately. This cannot be undone.
            </p>
          }
          confirmLabel="Revoke token"
          isDanger
          onConfirm={async () => {
            await revoke(tokenToRevoke.id);
            notify({ tone: "success", message: `Revoked “${tokenToRevoke.name}”.` });
          }}
          onClose={() => setTokenToRevoke(null)}
        />
      ) : null}
    </>
  );
}
