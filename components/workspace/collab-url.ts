import { COLLAB_PATH_PREFIX } from "@/lib/collab/close-codes";
import { SCHEMA_VERSION } from "@/lib/model/schema-version";

/** The realtime endpoint of this page's origin: ws(s)://host/collab. */
export function getCollabServerUrl(): string {
  const protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${window.location.host}${COLLAB_PATH_PREFIX.replace(/\/$/, "")}`;
}

/** The query the document's socket carries: the schema this page reads and writes. */
export const COLLAB_SOCKET_PARAMS = { schema: String(SCHEMA_VERSION) };

/**
 * The address of a model's document socket, as y-websocket builds it from the server's address,
 * the model (its room) and COLLAB_SOCKET_PARAMS.
 */
export function buildCollabSocketUrl(serverUrl: string, modelId: string): string {
  return `${serverUrl}/${modelId}?${new URLSearchParams(COLLAB_SOCKET_PARAMS).toString()}`;
}

/** The model a page's path opens (`/models/<id>`, the workspace), or null for any other page. */
export function readWorkspaceModelId(pathname: string): string | null {
  const match = /^\/models\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  return match?.[1] ?? null;
}
