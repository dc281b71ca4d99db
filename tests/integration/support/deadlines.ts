/**
 * How long integration tests wait before calling something lost. These are failure bounds, not
 * expected times: a passing test returns as soon as its condition holds, so generous bounds cost
 * nothing on a quiet machine and keep a loaded 2-core machine (other test files, a build, a
 * busy neighbour) from failing tests that would have passed a few seconds later.
 *
 * A test's own timeout is the sum of what it waits for (`timeoutFor`), so a test that starts three
 * processes and waits for two syncs gets the time those steps may take, instead of one flat
 * figure that a slow step can exhaust on its own.
 */
export const DEADLINE = {
  /** A server node in a child process: tsx compiles the server, then migrations run. */
  processStart: 90_000,
  /** A server in this process on a fresh database: migrations run. */
  serverStart: 30_000,
  /** A client's first sync with a running server (the room loads from the database first). */
  sync: 30_000,
  /** An edit, presence or close reaching another client or another node. */
  propagation: 20_000,
  /** What the database holds, read back and compared. */
  storedRead: 30_000,
} as const;

/** Time a test needs beyond its waits: sign-ups, model creation, teardown. */
const OVERHEAD_MS = 20_000;

/**
 * A vitest timeout for a test that waits for each of `waits` (milliseconds, typically
 * `DEADLINE` entries and fixed durations such as a 20 s fuzzing run) one after the other.
 */
export function timeoutFor(...waits: number[]): { timeout: number } {
  return { timeout: waits.reduce((sum, wait) => sum + wait, OVERHEAD_MS) };
}
