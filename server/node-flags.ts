/**
 * The flags every server process runs with, whoever starts it: `npm start` (package.json, which
 * cannot import this file and repeats them; a test keeps the two the same), the browser tests'
 * server, the benchmark's and the tests' separate server processes.
 *
 * `--max-semi-space-size=4` (MB; Node 20 uses 16): a room that takes in a large document keeps
 * everything it allocates, so each young-generation collection copies a full semi-space while
 * the server answers nothing. On two slow cores that was 40-70 ms at 16 MB, and the slowest
 * answer to /api/health during the load test 84-151 ms; at 4 MB, 43-62 ms in eight runs.
 * Collections come more often, each shorter: latency over throughput, as a live meeting wants.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=4"] as const;
