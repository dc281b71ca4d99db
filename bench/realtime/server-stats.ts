/**
 * The IPC contract between the bench and the server processes it starts: the child announces
 * its port, then answers stats requests with its own CPU time, RSS and loaded rooms.
 */
import { z } from "zod";

export const listeningMessageSchema = z.object({ type: z.literal("listening"), port: z.number() });

export const statsRequestSchema = z.object({
  type: z.literal("stats"),
  id: z.number(),
  /** Run a full garbage collection first (the child runs with --expose-gc). */
  collectGarbage: z.boolean(),
});
export type StatsRequest = z.infer<typeof statsRequestSchema>;

export const statsReplySchema = z.object({
  type: z.literal("stats"),
  id: z.number(),
  /** User plus system CPU time of the process since it started, in microseconds. */
  cpuMicros: z.number(),
  rssBytes: z.number(),
  /** Rooms loaded in memory, or null when the server does not say. */
  rooms: z.number().nullable(),
});
export type StatsReply = z.infer<typeof statsReplySchema>;

/** In a server child process: announces the port and answers stats requests over IPC. */
export function reportToBench(port: number, countRooms: () => number | null): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error("a bench server must be started by the bench, with an IPC channel");
  process.on("message", (message: unknown) => {
    const request = statsRequestSchema.safeParse(message);
    if (!request.success) return;
    if (request.data.collectGarbage) globalThis.gc?.();
    const cpu = process.cpuUsage();
    const reply: StatsReply = {
      type: "stats",
      id: request.data.id,
      cpuMicros: cpu.user + cpu.system,
      rssBytes: process.memoryUsage.rss(),
      rooms: countRooms(),
    };
    send(reply);
  });
  // The bench going away, however it ends, ends the server.
  process.on("disconnect", () => process.exit(0));
  if (process.listenerCount("SIGTERM") === 0) process.once("SIGTERM", () => process.exit(0));
  send({ type: "listening", port });
}
