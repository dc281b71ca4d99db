import { CURRENT_USER_PATH, modelApiPath } from "@/components/api/api-paths";
import { requestEarly } from "@/components/api/early-answers";
import { buildCollabSocketUrl, getCollabServerUrl, readWorkspaceModelId } from "./collab-url";
import { openEarlySocket } from "./early-socket";

/**
 * On the workspace page of a model, for a signed-in person (the server marks the page), starts
 * what the workspace waits for first, before the page's own script has loaded: the document's
 * socket (see early-socket.ts), and the model and the user (see early-answers.ts). On any other
 * page, nothing. Called by instrumentation-client.
 */
export function openWorkspaceEarly(): void {
  if (typeof window === "undefined") return;
  if (document.documentElement.dataset.signedIn !== "true") return;
  const modelId = readWorkspaceModelId(window.location.pathname);
  if (modelId === null) return;
  openEarlySocket(buildCollabSocketUrl(getCollabServerUrl(), modelId));
  requestEarly(modelApiPath(modelId));
  requestEarly(CURRENT_USER_PATH);
}
