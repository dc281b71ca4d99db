/**
 * A small TCP proxy for fault tests: put it between the server and PostgreSQL or Redis, or in
 * front of several server nodes as a load balancer, then cut it (live connections are
 * destroyed, new ones are refused) and restore it.
 */
import net from "node:net";

/** Where the proxy forwards to. */
export interface ProxyTarget {
  host: string;
  port: number;
}

/** A running proxy. */
export interface TcpProxy {
  port: number;
  /** `host:port` of the proxy, e.g. to rewrite a connection URL. */
  address: string;
  /** Number of connections currently forwarded. */
  readonly liveConnections: number;
  /** Destroys every live connection and refuses new ones until `restore`. */
  cut(): void;
  /** Accepts and forwards connections again. */
  restore(): void;
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

/**
 * Starts a proxy on a free loopback port. With several targets it behaves like a load
 * balancer with failover: each connection goes to the first target that accepts it.
 */
export async function startTcpProxy(targets: ProxyTarget | ProxyTarget[]): Promise<TcpProxy> {
  const upstreams = Array.isArray(targets) ? targets : [targets];
  const live = new Set<net.Socket>();
  let isCut = false;

  const track = (socket: net.Socket) => {
    live.add(socket);
    socket.on("close", () => live.delete(socket));
    socket.on("error", () => socket.destroy());
  };

  const server = net.createServer((client) => {
    track(client);
    if (isCut) {
      client.destroy();
      return;
    }
    client.pause();
    tryUpstream(client, 0);
  });

  const tryUpstream = (client: net.Socket, index: number) => {
    const target = upstreams[index];
    if (!target || isCut || client.destroyed) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    let isConnected = false;
    upstream.once("error", () => {
      upstream.destroy();
      // Refused: the next target may take it (the failover of a load balancer).
      if (!isConnected) tryUpstream(client, index + 1);
    });
    upstream.once("connect", () => {
      isConnected = true;
      if (isCut || client.destroyed) {
        upstream.destroy();
        client.destroy();
        return;
      }
      track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
      client.resume();
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  const port = address.port;

  return {
    port,
    address: `127.0.0.1:${port}`,
    get liveConnections() {
      return live.size;
    },
    cut: () => {
      isCut = true;
      for (const socket of [...live]) socket.destroy();
    },
    restore: () => {
      isCut = false;
    },
    close: async () => {
      isCut = true;
      for (const socket of [...live]) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
