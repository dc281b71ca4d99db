/**
 * Addresses of the API that the page's first script asks for ahead (see early-answers.ts), in
 * a module of their own so that script does not carry the API's schemas.
 */

/** A model (with the signed-in user's role). */
export function modelApiPath(modelId: string): string {
  return `/api/models/${encodeURIComponent(modelId)}`;
}

/** The signed-in user. */
export const CURRENT_USER_PATH = "/api/users/me";
