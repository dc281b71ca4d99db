/**
 * Compares the large-diagram open of two or more builds on this machine, alternating between
 * them so that other load on a shared machine falls on all alike:
 * `npx tsx bench/compare-dfd-open.ts /path/to/other/checkout .` (each one built, with its own
 * node_modules). Prints each round with the load average, then the median open and the pan
 * and zoom frame rates (from the opening view, and fitted) per build.
 */
import os from "node:os";
import path from "node:path";
import { measureDfdOpen } from "./dfd-open";

const ROUNDS = 2;
const RUNS_PER_ROUND = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const folders = process.argv.slice(2).map((folder) => path.resolve(folder));
  if (folders.length < 2) throw new Error("name two or more checkouts to compare");
  const opens = new Map<string, number[]>(folders.map((folder) => [folder, []]));
  const rates = new Map<string, number[]>(folders.map((folder) => [folder, []]));
  const fittedRates = new Map<string, number[]>(folders.map((folder) => [folder, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const folder of folders) {
      process.env.BENCH_APP_DIR = folder;
      const load = os.loadavg()[0] ?? Number.NaN;
      const result = await measureDfdOpen({ runs: RUNS_PER_ROUND });
      opens.get(folder)?.push(...result.runsMs);
      rates.get(folder)?.push(result.panZoomFps);
      fittedRates.get(folder)?.push(result.panZoomFittedFps);
      const runs = result.runsMs.map((ms) => Math.round(ms)).join(", ");
      console.info(
        `${folder} (load ${load.toFixed(1)}): ${runs} ms, ${result.panZoomFps.toFixed(1)} fps, ` +
          `fitted ${result.panZoomFittedFps.toFixed(1)} fps`,
      );
    }
  }
  for (const folder of folders) {
    const fps = (rates.get(folder) ?? []).map((rate) => rate.toFixed(1)).join(", ");
    const fitted = (fittedRates.get(folder) ?? []).map((rate) => rate.toFixed(1)).join(", ");
    console.info(
      `${folder}: median open ${Math.round(median(opens.get(folder) ?? []))} ms, ` +
        `fps ${fps}, fitted fps ${fitted}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
