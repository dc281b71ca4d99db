"use client";

import { useCallback, useEffect, useState } from "react";
import { ApiError, getErrorMessage } from "@/components/api/api-client";
import { listAuditEvents, verifyAuditTrail } from "@/components/api/endpoints";
import type { AuditPage, AuditVerification } from "@/components/api/schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format-date";
import { PageHeader } from "@/components/ui/shell";
import { PageSpinner } from "@/components/ui/spinner";

type AuditEvent = AuditPage["events"][number];

/** A short reading of an event's detail: its fields as `key: value`. */
function describeDetail(detail: unknown): string {
  if (typeof detail !== "object" || detail === null) return "";
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}

/**
 * The instance's audit trail (administrators): who did what and when, newest first, and a
 * check of the hash chain that names the first row that was changed after the fact.
 */
export function AuditView() {
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [nextBeforeId, setNextBeforeId] = useState<number | null>(null);
  const [error, setError] = useState<{ message: string; isForbidden: boolean } | null>(null);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [isVerifying, setIsVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  const load = useCallback(async (beforeId: number | null, signal?: AbortSignal) => {
    try {
      const page = await listAuditEvents(beforeId, signal);
      setEvents((current) =>
        beforeId === null ? page.events : [...(current ?? []), ...page.events],
      );
      setNextBeforeId(page.nextBeforeId);
      setError(null);
    } catch (caught) {
      if (signal?.aborted) return;
      setError({
        message: getErrorMessage(caught),
        isForbidden: caught instanceof ApiError && caught.status === 403,
      });
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(null, controller.signal);
    return () => controller.abort();
  }, [load]);

  async function handleVerify() {
    setIsVerifying(true);
    setVerifyError(null);
    try {
      setVerification(await verifyAuditTrail());
    } catch (caught) {
      setVerifyError(getErrorMessage(caught));
    } finally {
      setIsVerifying(false);
    }
  }

  async function handleMore() {
    setIsLoadingMore(true);
    await load(nextBeforeId);
    setIsLoadingMore(false);
  }

  if (error?.isForbidden) {
    return (
      <>
        <PageHeader title="Audit trail" />
        <Alert tone="info" title="Only administrators see the audit trail">
          Ask an administrator of this Threat Room if you need to know who did what.
        </Alert>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Security-relevant actions on this instance, newest first. Each entry is chained to the one before it by a hash, so a changed or removed entry shows."
        actions={
          <Button variant="secondary" isLoading={isVerifying} onClick={() => void handleVerify()}>
            Verify chain
          </Button>
        }
      />
      <div className="space-y-4">
        {verification ? (
          verification.isIntact ? (
            <Alert tone="success" title="The chain is intact">
              All {verification.events} entries match their hashes.
            </Alert>
          ) : (
            <Alert tone="danger" title={`Entry #${verification.brokenAtId} was tampered with`}>
              The chain breaks at entry #{verification.brokenAtId}: it, or the entry before it, was
              changed, inserted or removed after it was written.
            </Alert>
          )
        ) : null}
        {verifyError ? <Alert tone="danger">{verifyError}</Alert> : null}
        {error ? (
          <Alert
            tone="danger"
            title="The audit trail could not be loaded"
            action={
              <Button variant="secondary" size="sm" onClick={() => void load(null)}>
                Try again
              </Button>
            }
          >
            {error.message}
          </Alert>
        ) : events === null ? (
          <PageSpinner label="Loading the audit trail" />
        ) : (
          <Card as="div" className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Audit trail</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-3">
                    #
                  </th>
                  <th scope="col" className="px-4 py-3">
                    When
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Who
                  </th>
                  <th scope="col" className="px-4 py-3">
                    What
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Model
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Detail
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {events.map((event) => (
                  <tr
                    key={event.id}
                    className={
                      verification && !verification.isIntact && verification.brokenAtId === event.id
                        ? "bg-red-50"
                        : undefined
                    }
                  >
                    <td className="px-4 py-2 text-slate-500 tabular-nums">{event.id}</td>
                    <td className="px-4 py-2 whitespace-nowrap">
                      {formatDateTime(event.createdAt)}
                    </td>
                    <td className="px-4 py-2">{event.actor?.name ?? "—"}</td>
                    <td className="px-4 py-2 font-mono text-xs">{event.action}</td>
                    <td className="px-4 py-2">{event.model?.title ?? "—"}</td>
                    <td
                      className="max-w-md truncate px-4 py-2 text-slate-600"
                      title={describeDetail(event.detail)}
                    >
                      {describeDetail(event.detail)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {nextBeforeId !== null ? (
              <div className="border-t border-slate-200 p-3 text-center">
                <Button
                  variant="ghost"
                  size="sm"
                  isLoading={isLoadingMore}
                  onClick={() => void handleMore()}
                >
                  Show older entries
                </Button>
              </div>
            ) : null}
          </Card>
        )}
      </div>
    </>
  );
}
