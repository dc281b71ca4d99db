import { CLOSE_CODES, FINAL_CLOSE_CODES } from "@/lib/collab/close-codes";

/** What the user can do about a closed connection. */
export type CloseAction = "reload" | "sign-in" | "go-to-models";

/** Why the realtime connection ended for good, in words for the user. */
export interface CloseReason {
  code: number;
  title: string;
  message: string;
  action: CloseAction;
}

/**
 * Close codes after which the client stops reconnecting: the documented final codes, plus
 * documentTooLarge, because reconnecting would send the same oversized change again and be
 * closed again, forever.
 */
export function isTerminalCloseCode(code: number): boolean {
  return FINAL_CLOSE_CODES.has(code) || code === CLOSE_CODES.documentTooLarge;
}

/** The user-facing reason for a terminal close code. */
export function describeTerminalClose(code: number): CloseReason {
  switch (code) {
    case CLOSE_CODES.unauthenticated:
      return {
        code,
        title: "You have been signed out",
        message: "Your session ended. Sign in again to keep working on this model.",
        action: "sign-in",
      };
    case CLOSE_CODES.accessRevoked:
      return {
        code,
        title: "Your access was removed",
        message:
          "An owner removed you from this model or changed your access. Changes you make here are no longer saved.",
        action: "go-to-models",
      };
    case CLOSE_CODES.modelNotFound:
      return {
        code,
        title: "Model not found",
        message: "This model does not exist, or you are not a member of it.",
        action: "go-to-models",
      };
    case CLOSE_CODES.modelDeleted:
      return {
        code,
        title: "This model was deleted",
        message: "An owner deleted this model. Changes you make here are no longer saved.",
        action: "go-to-models",
      };
    case CLOSE_CODES.schemaMismatch:
      return {
        code,
        title: "Threat Room was updated",
        message:
          "This page is running an older or newer version than the server. Reload the page to continue.",
        action: "reload",
      };
    case CLOSE_CODES.documentTooLarge:
      return {
        code,
        title: "The model is too large",
        message:
          "Your last change would make the model larger than the server allows and was not saved. Reload the page to continue.",
        action: "reload",
      };
    default:
      return {
        code,
        title: "Disconnected",
        message: "The server ended the connection. Reload the page to reconnect.",
        action: "reload",
      };
  }
}

/** A short explanation of a transient close, shown while reconnecting; null when none. */
export function describeTransientClose(code: number): string | null {
  switch (code) {
    case CLOSE_CODES.serverShutdown:
      return "The server is restarting.";
    case CLOSE_CODES.rateLimited:
      return "Too many changes were sent at once.";
    case CLOSE_CODES.roomUnavailable:
      return "The model could not be loaded on the server.";
    case CLOSE_CODES.messageTooBig:
      return "A change was too large to send.";
    case CLOSE_CODES.malformedMessage:
      return "The server could not read a message.";
    default:
      return null;
  }
}
