import os from "node:os";
import { measureAuth, type AuthRun } from "../auth";
import { roundFigure, type BenchSection } from "../section";

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The run with the median total, its requests listed as "label start+duration". */
function describeMedianRun(kind: string, runs: readonly AuthRun[]): string {
  const middle = median(runs.map((run) => run.totalMs));
  const run = runs.find((candidate) => candidate.totalMs === middle);
  if (run === undefined) return `${kind}: no run`;
  const requests = run.requests
    .map(
      (request) =>
        `${request.label} @${Math.round(request.startMs)}+${Math.round(request.durationMs)}`,
    )
    .join(", ");
  return `${kind} (${Math.round(run.totalMs)} ms), requests ms from the click: ${requests}`;
}

/** The slowest request of each run (its label's median duration), e.g. the password check. */
function medianRequestMs(runs: readonly AuthRun[], label: string): number {
  return median(
    runs.map((run) =>
      run.requests
        .filter((request) => request.label === label)
        .reduce((sum, request) => sum + request.durationMs, 0),
    ),
  );
}

function formatLoad(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(", ");
}

/**
 * Signing up and signing in through the browser pages until the models page shows the account's
 * list: figures `sign_up_ms` and `sign_in_ms` (medians), the password hash alone, the requests
 * each one makes.
 */
export const authSection: BenchSection = {
  name: "auth",
  title: "Signing up and signing in",
  run: async ({ isQuick }) => {
    const runs = isQuick ? 3 : 7;
    const loadBefore = formatLoad();
    const result = await measureAuth({ runs });
    const loadAfter = formatLoad();
    const figures = {
      sign_up_ms: roundFigure(median(result.signUps.map((run) => run.totalMs)), 0),
      sign_in_ms: roundFigure(median(result.signIns.map((run) => run.totalMs)), 0),
      auth_hash_ms: roundFigure(result.hashMs, 0),
      sign_up_post_ms: roundFigure(medianRequestMs(result.signUps, "POST /api/users"), 0),
      sign_in_post_ms: roundFigure(
        medianRequestMs(result.signIns, "POST /api/auth/callback/credentials"),
        0,
      ),
      sign_up_requests: median(result.signUps.map((run) => run.requests.length)),
      sign_in_requests: median(result.signIns.map((run) => run.requests.length)),
    };
    return {
      columns: ["figure", "value", "what"],
      rows: [
        [
          "sign_up_ms",
          figures.sign_up_ms,
          `ms: median of ${runs}, from the click on Create account until the models page lists the new account's (no) models`,
        ],
        [
          "sign_in_ms",
          figures.sign_in_ms,
          `ms: median of ${runs}, from the click on Sign in until the models page lists the account's models`,
        ],
        [
          "auth_hash_ms",
          figures.auth_hash_ms,
          "ms: one password hash (scrypt, the app's parameters) alone, in the bench's process",
        ],
        [
          "sign_up_post_ms",
          figures.sign_up_post_ms,
          "ms: the POST /api/users of a sign-up (checks, hash, database)",
        ],
        [
          "sign_in_post_ms",
          figures.sign_in_post_ms,
          "ms: next-auth's credentials callback of a sign-in (hash check, session row)",
        ],
        [
          "sign_up_requests",
          figures.sign_up_requests,
          "requests the page makes from the click until the list shows (scripts aside)",
        ],
        ["sign_in_requests", figures.sign_in_requests, "the same for a sign-in"],
      ],
      figures,
      notes: [
        describeMedianRun("sign-up", result.signUps),
        describeMedianRun("sign-in", result.signIns),
        `load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAfter}`,
      ],
    };
  },
};
