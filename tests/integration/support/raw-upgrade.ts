/** Raw HTTP upgrade requests, to see exactly what the server answers and whether it closes. */
import net from "node:net";

/** What a raw upgrade request got back: the status line, and whether the server closed it. */
export interface UpgradeAnswer {
  statusLine: string;
  closedByServer: boolean;
}

/** Sends a websocket upgrade request to `path` and waits for the server to answer and close. */
export function sendUpgrade(port: number, path: string, timeoutMs: number): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to the upgrade of ${path} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
    });
    socket.on("end", () => {
      clearTimeout(timer);
      socket.end();
      resolve({ statusLine: received.split("\r\n")[0] ?? "", closedByServer: true });
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\n` +
        `Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
  });
}
