/**
 * The command that runs the server (`npm start`, `npm run dev`): reads the environment, starts
 * the server with the Next.js app, and stops it cleanly on SIGINT and SIGTERM. Kept apart from
 * server/main.ts so that importing startServer (tests, benchmarks) never starts a server.
 */
import { readServerEnv } from "@/server/config";
import { log } from "@/server/logger";
import { startServer } from "@/server/main";

async function main(): Promise<void> {
  const env = readServerEnv();
  const dev = process.argv.includes("--dev");
  const running = await startServer({ env, dev, withNext: true });
  const shutdown = (signal: string) => {
    log.info("shutting down", { signal });
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error("shutdown failed", { error });
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  console.info(`Threat Room is running on http://localhost:${running.port}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
