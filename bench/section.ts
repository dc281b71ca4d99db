/**
 * The shape of one benchmark section. `bench/run.ts` runs the sections of `sections/index.ts`
 * in order, prints each one's table and merges their figures into the final `BENCH {json}` line.
 */

/** How the whole run was asked for. */
export interface BenchOptions {
  /** `--quick`: shorter measurements, the whole run under two minutes. */
  isQuick: boolean;
}

/** A cell of a section's table. */
export type TableCell = string | number;

/** What a section measured. */
export interface SectionResult {
  /** Column headings of the section's table. */
  columns: string[];
  rows: TableCell[][];
  /** Figures for the BENCH line: snake_case names, unit last (e.g. `sync_p99_ms_100_ours`). */
  figures: Record<string, number>;
  /** Lines printed under the table: targets, caveats. */
  notes?: string[];
}

/** One part of `npm run bench`, e.g. threat generation or realtime sync latency. */
export interface BenchSection {
  /** Short id, used by `--only <name>` and as the table's title. */
  name: string;
  title: string;
  run(options: BenchOptions): Promise<SectionResult>;
}

/** Rounds a figure for the table and the BENCH line. */
export function roundFigure(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
