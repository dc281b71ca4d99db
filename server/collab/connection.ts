import type { WebSocket } from "ws";
import { LIMITS } from "@/lib/limits";
import type { Role } from "@/lib/model/roles";
import { TokenBucket } from "@/server/collab/token-bucket";

/** One client's websocket in a room, with who it is and what it may do. */
export class CollabConnection {
  /** The awareness client ids this connection has announced; only it may change them. */
  readonly awarenessClientIds = new Set<number>();
  readonly messageBucket = new TokenBucket(LIMITS.wsMessagesPerSecond, LIMITS.wsMessageBurst);
  readonly awarenessBucket = new TokenBucket(LIMITS.awarenessPerSecond, LIMITS.awarenessBurst);
  /** Bytes received: bounds what one connection makes the server decode and apply. */
  readonly byteBucket = new TokenBucket(LIMITS.wsBytesPerSecond, LIMITS.wsBytesBurst);
  /** Bytes of document state encoded for this connection's sync requests. */
  readonly syncEncodeBucket = new TokenBucket(
    LIMITS.syncEncodeBytesPerSecond,
    LIMITS.syncEncodeBytesBurst,
  );
  /** Cleared by each heartbeat ping, set by the pong. */
  isAlive = true;
  isClosed = false;

  constructor(
    readonly socket: WebSocket,
    readonly user: { id: string; name: string },
    /** The member's role; changed in place when the owner changes it. */
    public role: Role,
    /** The API token the connection authenticated with, or null for a session cookie. */
    readonly tokenId: string | null,
    /** When the session cookie expires (ms since epoch), or null for a token. */
    readonly sessionExpiresAt: number | null,
    /** The server-side session the cookie names, or null (a token, or a cookie from before). */
    readonly sessionId: string | null = null,
  ) {}

  /** Sends a message unless the socket is closing. */
  send(message: Uint8Array): void {
    if (this.isClosed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(message);
  }

  /** Closes the socket with a documented code; idempotent. */
  close(code: number, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
  }
}
