import type { HalfSize } from "@/lib/diagram/label-placement";

/*
 * A flow's label on the canvas, in the sizes flow-edge.tsx draws it: a name chip (12 px text,
 * 6 px padding each side, 20 px high), then a threat count and a crossings chip (10 px text,
 * 15 px high), 2 px apart. Widths are estimated from the number of characters, close enough for
 * the sans-serif face the canvas uses; the layout test checks the outcome.
 *
 * Left out: the discussion badge (known only to the discussion panel's data, not the graph's),
 * the rename input (one label, for a moment), and the names of peers pointing at the flow (they
 * differ from one peer to the next, and places must not).
 */
const NAME_CHAR_WIDTH = 6.6;
const NAME_LINE = { padding: 12, height: 20 };
const CHIP_CHAR_WIDTH = 5.8;
const CHIP_LINE = { padding: 12, height: 15 };
const LINE_GAP = 2;

/** The chip under a flow's name that counts its open threats. */
export function formatOpenThreats(count: number): string {
  return count === 1 ? "1 open threat" : `${count} open threats`;
}

/** The chip under a flow's name that names the trust boundaries it crosses. */
export function formatCrossings(boundaryNames: readonly string[]): string {
  return `Crosses ${boundaryNames.join(", ")}`;
}

/** What a flow's label shows, for estimating its size. */
export interface LabelContent {
  label: string;
  threatCount: number;
  crossedBoundaryNames: readonly string[];
}

/** Half the size of the box a flow's label draws, estimated from what it shows. */
export function estimateLabelHalfSize(content: LabelContent): HalfSize {
  const lines: { width: number; height: number }[] = [];
  if (content.label !== "") {
    lines.push({
      width: [...content.label].length * NAME_CHAR_WIDTH + NAME_LINE.padding,
      height: NAME_LINE.height,
    });
  }
  const chips: string[] = [];
  if (content.threatCount > 0) chips.push(formatOpenThreats(content.threatCount));
  if (content.crossedBoundaryNames.length > 0) {
    chips.push(formatCrossings(content.crossedBoundaryNames));
  }
  for (const chip of chips) {
    lines.push({
      width: [...chip].length * CHIP_CHAR_WIDTH + CHIP_LINE.padding,
      height: CHIP_LINE.height,
    });
  }
  if (lines.length === 0) return { width: 0, height: 0 };
  const width = Math.max(...lines.map((line) => line.width));
  const height = lines.reduce((sum, line) => sum + line.height, 0) + LINE_GAP * (lines.length - 1);
  return { width: width / 2, height: height / 2 };
}
