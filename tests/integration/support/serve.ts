/**
 * Runs the API and realtime server (no Next.js pages) as its own process, for tests that kill
 * it. Reads the same environment variables as the real server and prints `{"port": N}` once
 * listening.
 */
import { readServerEnv } from "@/server/config";
import { startServer } from "@/server/main";

const running = await startServer({ env: readServerEnv(), withNext: false });
process.stdout.write(`${JSON.stringify({ port: running.port })}\n`);
