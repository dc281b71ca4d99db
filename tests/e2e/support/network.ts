import type { BrowserContext, WebSocketRoute } from "@playwright/test";
import { COLLAB_PATH_PREFIX } from "@/lib/collab/close-codes";

/** "Going away": what the page sees when its realtime socket is cut; the app retries. */
const CUT_CLOSE_CODE = 1001;

/**
 * A browser context's network, switchable off and on as a real outage would. Chromium's
 * offline emulation (`context.setOffline`) makes the browser report being offline and fails
 * new requests, but leaves an open websocket alive and holds its frames until it is back
 * online; a real outage ends the socket. So going offline here also closes the realtime
 * sockets and refuses new ones until the network returns, and the app has to reconnect and
 * sync to deliver what was edited meanwhile.
 */
export class NetworkSwitch {
  private isOnline = true;
  private readonly openSockets = new Set<WebSocketRoute>();

  private constructor(private readonly context: BrowserContext) {}

  /** Installs the switch; call before the context opens a page of the app. */
  static async install(context: BrowserContext): Promise<NetworkSwitch> {
    const network = new NetworkSwitch(context);
    await context.routeWebSocket(
      (url) => url.pathname.startsWith(COLLAB_PATH_PREFIX),
      (socket) => network.handleSocket(socket),
    );
    return network;
  }

  async goOffline(): Promise<void> {
    this.isOnline = false;
    await this.context.setOffline(true);
    const sockets = [...this.openSockets];
    this.openSockets.clear();
    await Promise.all(sockets.map((socket) => socket.close({ code: CUT_CLOSE_CODE })));
  }

  async goOnline(): Promise<void> {
    this.isOnline = true;
    await this.context.setOffline(false);
  }

  private handleSocket(socket: WebSocketRoute): void {
    if (!this.isOnline) {
      void socket.close({ code: CUT_CLOSE_CODE });
      return;
    }
    socket.connectToServer();
    this.openSockets.add(socket);
  }
}
