/**
 * `npm run bench`: the product's figures, measured in one run on this machine. Prints a table
 * per section and, as its last line, `BENCH {json}`: one flat object of every section's figures.
 * `npm run bench -- --quick` runs a shorter version (under two minutes);
 * `npm run bench -- --only sync-latency` runs one section (names in bench/sections/index.ts).
 * BENCH_DATABASE_URL (a PostgreSQL admin URL) runs our server on a fresh database there instead
 * of PGlite; BENCH_PROFILE_DIR writes a .cpuprofile of each server process.
 */
import os from "node:os";
import type { BenchOptions, SectionResult, TableCell } from "./section";
import { SECTIONS } from "./sections";

function readOnlyFlag(argv: string[]): string | null {
  const index = argv.indexOf("--only");
  return index >= 0 ? (argv[index + 1] ?? null) : null;
}

function printTable(title: string, result: SectionResult, seconds: number): void {
  const cells: string[][] = [result.columns, ...result.rows.map((row) => row.map(formatCell))];
  const widths = result.columns.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? "").length)),
  );
  const isNumeric = (column: number) => result.rows.every((row) => typeof row[column] === "number");
  console.info(`${title} (${seconds.toFixed(0)} s)`);
  for (const row of cells) {
    const line = row.map((cell, column) => {
      const width = widths[column] ?? 0;
      // The last column holds free text and is never padded.
      if (column === row.length - 1 && !isNumeric(column)) return cell;
      return isNumeric(column) ? cell.padStart(width) : cell.padEnd(width);
    });
    console.info(`  ${line.join("  ")}`);
  }
  for (const note of result.notes ?? []) console.info(`  ${note}`);
  console.info("");
}

function formatCell(cell: TableCell): string {
  return typeof cell === "number" ? String(cell) : cell;
}

async function main(): Promise<void> {
  const options: BenchOptions = { isQuick: process.argv.includes("--quick") };
  const only = readOnlyFlag(process.argv);
  const sections = only ? SECTIONS.filter((section) => section.name === only) : SECTIONS;
  if (sections.length === 0) {
    throw new Error(`no section "${only}"; sections: ${SECTIONS.map((s) => s.name).join(", ")}`);
  }
  console.info(
    `Threat Room benchmarks (${options.isQuick ? "quick" : "full"}), ${os.cpus().length} cores, ` +
      `Node ${process.version}, loopback`,
  );
  console.info("");
  const figures: Record<string, number> = {};
  for (const section of sections) {
    const started = performance.now();
    const result = await section.run(options);
    printTable(section.title, result, (performance.now() - started) / 1000);
    Object.assign(figures, result.figures);
  }
  console.info(`BENCH ${JSON.stringify(figures)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
