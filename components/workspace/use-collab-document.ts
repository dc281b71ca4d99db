"use client";

import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { ApiError } from "@/components/api/api-client";
import { fetchModel } from "@/components/api/endpoints";
import {
  CollabSession,
  INITIAL_SNAPSHOT,
  SocketUnavailableError,
  type CollabSnapshot,
  type CollabUser,
  type DiscussionNotice,
} from "./collab-session";
import { getCollabServerUrl } from "./collab-url";

export interface CollabDocument extends CollabSnapshot {
  /** The shared document; null until the session is created on mount. */
  doc: Y.Doc | null;
  awareness: Awareness | null;
  /** Retries the connection now. */
  reconnect: () => void;
  /** Subscribes to the server's "the facilitated session changed" notices (and resyncs). */
  onSessionChanged: (listener: (session: unknown) => void) => () => void;
  /** Subscribes to the server's discussion notices (see CollabSession.onDiscussionNotice). */
  onDiscussionNotice: (listener: (notice: DiscussionNotice) => void) => () => void;
  /** Sends a thread message on the socket (see CollabSession.sendThreadMessage). */
  sendThreadMessage: CollabSession["sendThreadMessage"];
  /** Sends a facilitator's command on the socket (see CollabSession.sendSessionCommand). */
  sendSessionCommand: (command: { type: string } & Record<string, unknown>) => Promise<void>;
}

/** While the websocket keeps failing, how often to ask the HTTP API whether access still holds. */
const ACCESS_PROBE_INTERVAL_MS = 10_000;

function subscribeToNothing(): () => void {
  return () => {};
}

function getInitialSnapshot(): CollabSnapshot {
  return INITIAL_SNAPSHOT;
}

function openCollabSession(modelId: string): CollabSession {
  return new CollabSession({ serverUrl: getCollabServerUrl(), modelId });
}

/** Sessions opened while the page still loads the model, waiting for the workspace. */
const preopenedSessions = new Map<string, CollabSession>();

/**
 * Starts connecting to a model's document before the workspace that uses it mounts, so the
 * socket's handshake and first sync overlap the model's HTTP request instead of following it.
 * The workspace's useCollabDocument takes the session over; the returned function destroys it
 * unless it was taken (the model was not found, the page left).
 */
export function preopenCollabDocument(modelId: string): () => void {
  if (preopenedSessions.has(modelId)) return () => {};
  const session = openCollabSession(modelId);
  preopenedSessions.set(modelId, session);
  return () => {
    if (preopenedSessions.get(modelId) !== session) return;
    preopenedSessions.delete(modelId);
    session.destroy();
  };
}

function takePreopenedSession(modelId: string): CollabSession | null {
  const session = preopenedSessions.get(modelId) ?? null;
  preopenedSessions.delete(modelId);
  return session;
}

/**
 * Opens the shared document of a model: creates a Y.Doc and a y-websocket provider on mount
 * (or takes over the ones preopenCollabDocument started), destroys both on unmount or when the
 * model changes, and reports the connection's state.
 *
 * - `user` is announced through awareness as `user: { id, name, color }` once known.
 * - While the connection keeps failing although the browser is online, the model is checked
 *   over HTTP every few seconds: a 401 or 404 there ends the session with the matching reason,
 *   since a refused websocket handshake carries no close code.
 * - While local edits have not reached the server, leaving the page asks for confirmation.
 */
export function useCollabDocument({
  modelId,
  user,
}: {
  modelId: string;
  user: CollabUser | null;
}): CollabDocument {
  const [session, setSession] = useState<CollabSession | null>(null);

  useEffect(() => {
    const created = takePreopenedSession(modelId) ?? openCollabSession(modelId);
    setSession(created);
    return () => {
      created.destroy();
      setSession(null);
    };
  }, [modelId]);

  const snapshot = useSyncExternalStore(
    session ? session.subscribe : subscribeToNothing,
    session ? session.getSnapshot : getInitialSnapshot,
    getInitialSnapshot,
  );

  const userId = user?.id;
  const userName = user?.name;
  const userColor = user?.color;
  useEffect(() => {
    if (!session || userId === undefined || userName === undefined || userColor === undefined)
      return;
    session.setUser({ id: userId, name: userName, color: userColor });
  }, [session, userId, userName, userColor]);

  const isOffline = snapshot.status === "offline";
  useEffect(() => {
    if (!session || !isOffline) return;
    const controller = new AbortController();
    function probeAccess() {
      if (!session || !navigator.onLine) return;
      fetchModel(modelId, controller.signal).catch((caught: unknown) => {
        if (!(caught instanceof ApiError)) return;
        if (caught.status === 401) session.closeWith(CLOSE_CODES.unauthenticated);
        else if (caught.status === 404) session.closeWith(CLOSE_CODES.modelNotFound);
      });
    }
    probeAccess();
    const timer = window.setInterval(probeAccess, ACCESS_PROBE_INTERVAL_MS);
    return () => {
      window.clearInterval(timer);
      controller.abort();
    };
  }, [session, isOffline, modelId]);

  const shouldWarnOnLeave = snapshot.hasUnsyncedChanges;
  useEffect(() => {
    if (!shouldWarnOnLeave) return;
    function handleBeforeUnload(event: BeforeUnloadEvent) {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    }
    window.addEventListener("beforeunload", handleBeforeUnload);
    return () => window.removeEventListener("beforeunload", handleBeforeUnload);
  }, [shouldWarnOnLeave]);

  // One identity per session: the workspace memoises what it builds from them (the discussion
  // context every element and flow on the canvas reads).
  const reconnect = useCallback(() => session?.reconnect(), [session]);
  const sendThreadMessage = useCallback<CollabSession["sendThreadMessage"]>(
    (input) =>
      session ? session.sendThreadMessage(input) : Promise.reject(new SocketUnavailableError()),
    [session],
  );
  const sendSessionCommand = useCallback(
    (command: { type: string } & Record<string, unknown>) =>
      session ? session.sendSessionCommand(command) : Promise.reject(new SocketUnavailableError()),
    [session],
  );

  return {
    ...snapshot,
    doc: session?.doc ?? null,
    awareness: session?.awareness ?? null,
    reconnect,
    onSessionChanged: session ? session.onSessionChanged : subscribeToNothing,
    onDiscussionNotice: session ? session.onDiscussionNotice : subscribeToNothing,
    sendThreadMessage,
    sendSessionCommand,
  };
}
