"use client";

import { useCallback, useEffect, useState } from "react";
import { getErrorMessage, isAbortError } from "@/components/api/api-client";
import { fetchActivity } from "@/components/api/endpoints";
import type { ActivityPage } from "@/components/api/schemas";
import { Alert } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { lazy } from "@/lib/lazy";
import { describeActivity } from "./activity-text";

type Entry = ActivityPage["entries"][number];

const getDayFormat = lazy(() => new Intl.DateTimeFormat(undefined, { dateStyle: "full" }));
const getTimeFormat = lazy(() => new Intl.DateTimeFormat(undefined, { timeStyle: "short" }));

/** Entries grouped by local day, in the order given (newest first). */
function groupByDay(entries: readonly Entry[]): { day: string; entries: Entry[] }[] {
  const groups: { day: string; entries: Entry[] }[] = [];
  for (const entry of entries) {
    const day = getDayFormat().format(new Date(entry.minute));
    const last = groups.at(-1);
    if (last?.day === day) last.entries.push(entry);
    else groups.push({ day, entries: [entry] });
  }
  return groups;
}

/**
 * The model's activity: who changed what, per person and minute, newest first, grouped by
 * day, with versions saved and restored and membership changes; older pages on demand.
 */
export function ActivityDialog({ modelId, onClose }: { modelId: string; onClose: () => void }) {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoadingMore, setIsLoadingMore] = useState(false);

  const load = useCallback(
    async (before: string | null, signal?: AbortSignal) => {
      const page = await fetchActivity(modelId, before, signal);
      setEntries((current) => [...(before === null ? [] : (current ?? [])), ...page.entries]);
      setNextBefore(page.nextBefore);
    },
    [modelId],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(null, controller.signal).catch((caught: unknown) => {
      if (!isAbortError(caught)) setError(getErrorMessage(caught));
    });
    return () => controller.abort();
  }, [load]);

  async function loadOlder() {
    if (nextBefore === null) return;
    setIsLoadingMore(true);
    setError(null);
    try {
      await load(nextBefore);
    } catch (caught) {
      setError(getErrorMessage(caught));
    } finally {
      setIsLoadingMore(false);
    }
  }

  const readable = (entries ?? []).filter((entry) => describeActivity(entry) !== "");

  return (
    <Dialog
      title="Activity"
      description="Who changed what in this model, per person and minute."
      onClose={onClose}
      size="lg"
    >
      {error ? (
        <Alert tone="danger" title="The activity could not be loaded">
          {error}
        </Alert>
      ) : null}
      {entries === null && !error ? (
        <div className="flex justify-center py-6">
          <Spinner label="Loading the activity" />
        </div>
      ) : entries !== null && readable.length === 0 ? (
        <p className="rounded-lg bg-slate-50 px-4 py-6 text-center text-sm text-slate-600">
          Nothing has happened in this model yet.
        </p>
      ) : (
        <div className="space-y-5">
          {groupByDay(readable).map((group) => (
            <section key={group.day} aria-label={group.day}>
              <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                {group.day}
              </h3>
              <ol aria-label={`Activity on ${group.day}`} className="space-y-3">
                {group.entries.map((entry) => {
                  const name = entry.user?.name || "Someone";
                  return (
                    <li key={`${entry.minute}:${entry.user?.id ?? ""}`} className="flex gap-3">
                      <Avatar name={name} userId={entry.user?.id ?? "server"} size="sm" />
                      <p className="text-sm text-slate-800">
                        <span className="font-medium text-slate-900">{name}</span>{" "}
                        {describeActivity(entry)}
                        <time
                          dateTime={entry.minute}
                          className="ml-2 text-xs whitespace-nowrap text-slate-500"
                        >
                          {getTimeFormat().format(new Date(entry.minute))}
                        </time>
                      </p>
                    </li>
                  );
                })}
              </ol>
            </section>
          ))}
          {nextBefore !== null ? (
            <Button
              variant="secondary"
              size="sm"
              isLoading={isLoadingMore}
              onClick={() => void loadOlder()}
            >
              Load older activity
            </Button>
          ) : null}
        </div>
      )}
    </Dialog>
  );
}
