/**
 * Compares the large-diagram open of two or more builds on this machine, alternating between
 * them so that other load on a shared machine falls on all alike:
 * `npx tsx bench/compare-dfd-open.ts /path/to/other/checkout .` (each one built, with its own
 * node_modules). Prints each round with the load average, then the median open and the pan
 * and zoom frame rates (from the opening view, and fitted; medians of every measurement) per
 * build.
 *
 * Beside each open it prints the CPU time of the page's main thread in that open (Chromium's
 * ThreadTime), which does not count waiting for a core and so moves less with other load than
 * the open's duration does.
 *
 * COMPARE_FULL_RECORDS=/path/a,/path/b opens those builds with a document whose entries hold
 * every field (see writeEveryField in dfd-open.ts): builds from before d88ea95.
 *
 * COMPARE_ROUNDS and COMPARE_RUNS set the rounds and the opens per build in each (2 and 3);
 * COMPARE_OPEN_ONLY=1 leaves pan and zoom out, for more opens in the same time. On a shared
 * machine a difference of 100 ms needs a dozen opens of each build or more to show.
 */
import os from "node:os";
import path from "node:path";
import { measureDfdOpen } from "./dfd-open";

const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 2);
const RUNS_PER_ROUND = Number(process.env.COMPARE_RUNS ?? 3);
const WITH_PAN_ZOOM = process.env.COMPARE_OPEN_ONLY !== "1";
const FULL_RECORDS = new Set(
  (process.env.COMPARE_FULL_RECORDS ?? "")
    .split(",")
    .filter((folder) => folder !== "")
    .map((folder) => path.resolve(folder)),
);

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
  const work = new Map<string, number[]>(folders.map((folder) => [folder, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const folder of folders) {
      process.env.BENCH_APP_DIR = folder;
      process.env.BENCH_FULL_RECORDS = FULL_RECORDS.has(folder) ? "1" : "0";
      const load = os.loadavg()[0] ?? Number.NaN;
      const result = await measureDfdOpen({ runs: RUNS_PER_ROUND, withPanZoom: WITH_PAN_ZOOM });
      opens.get(folder)?.push(...result.runsMs);
      rates.get(folder)?.push(...result.panZoomFpsRuns.opening);
      fittedRates.get(folder)?.push(...result.panZoomFpsRuns.fitted);
      const works = result.breakdowns.map((open) => open.mainThreadCpuMs);
      work.get(folder)?.push(...works);
      const runs = result.runsMs.map((ms) => Math.round(ms)).join(", ");
      const workText = works.map((ms) => Math.round(ms)).join(", ");
      const format = (values: number[]) => values.map((rate) => rate.toFixed(1)).join(", ");
      const rateText = WITH_PAN_ZOOM
        ? `, ${format(result.panZoomFpsRuns.opening)} fps, fitted ${format(result.panZoomFpsRuns.fitted)} fps`
        : "";
      console.info(
        `${folder} (load ${load.toFixed(1)}): ${runs} ms (main thread CPU ${workText} ms)${rateText}`,
      );
    }
  }
  for (const folder of folders) {
    const fps = median(rates.get(folder) ?? []).toFixed(1);
    const fitted = median(fittedRates.get(folder) ?? []).toFixed(1);
    const rateText = WITH_PAN_ZOOM ? `, median fps ${fps}, fitted ${fitted}` : "";
    const open = Math.round(median(opens.get(folder) ?? []));
    const thread = Math.round(median(work.get(folder) ?? []));
    console.info(`${folder}: median open ${open} ms, main thread CPU ${thread} ms${rateText}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
