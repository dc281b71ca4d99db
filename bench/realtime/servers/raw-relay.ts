/**
 * The physical floor: a websocket relay that forwards every message to the other sockets of
 * the same path, with no decoding, document or persistence.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { reportToBench } from "../server-stats";

const rooms = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const server = http.createServer((_req, res) => res.writeHead(404).end());
server.on("upgrade", (req, socket, head) => {
  const roomName = new URL(req.url ?? "/", "http://localhost").pathname;
  wss.handleUpgrade(req, socket, head, (ws) => {
    let room = rooms.get(roomName);
    if (!room) {
      room = new Set();
      rooms.set(roomName, room);
    }
    const peers = room;
    peers.add(ws);
    ws.on("message", (data, isBinary) => {
      for (const peer of peers) if (peer !== ws) peer.send(data, { binary: isBinary });
    });
    ws.on("close", () => {
      peers.delete(ws);
      if (peers.size === 0) rooms.delete(roomName);
    });
  });
});
server.listen(0, "127.0.0.1", () => {
  reportToBench((server.address() as AddressInfo).port, () => rooms.size);
});
