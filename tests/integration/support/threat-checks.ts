/** Checks on the threats a test client holds, for tests that wait for edits to arrive. */
import { listThreats } from "@/lib/model/threats";
import type { CollabClient } from "./collab-client";

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The ids of the threats in the client's document. */
export function threatIds(client: CollabClient): Set<string> {
  return new Set(listThreats(client.doc).map((threat) => threat.id));
}

/** True when the client's document holds every one of these threats. */
export function hasAll(client: CollabClient, ids: Iterable<string>): boolean {
  const present = threatIds(client);
  for (const id of ids) if (!present.has(id)) return false;
  return true;
}

/** True when the client's document holds none of these threats. */
export function hasNone(client: CollabClient, ids: Iterable<string>): boolean {
  const present = threatIds(client);
  for (const id of ids) if (present.has(id)) return false;
  return true;
}
