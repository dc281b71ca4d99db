/**
 * Threat Room's own server for the bench: the real server (API + realtime, authentication,
 * persistence and read-only checks on, no Next.js pages) configured by the environment.
 */
import { readServerEnv } from "@/server/config";
import { startServer } from "@/server/main";
import { reportToBench } from "../server-stats";

const running = await startServer({ env: readServerEnv(), withNext: false });
process.once("SIGTERM", () => {
  void running.close().finally(() => process.exit(0));
});
reportToBench(running.port, () => running.runtime.rooms.roomCount);
