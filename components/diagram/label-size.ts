import type { HalfSize } from "@/lib/diagram/label-placement";

/*
 * A flow's label on the canvas, in the sizes flow-edge.tsx draws it: a name chip (12 px text,
 * 6 px padding each side, 20 px high), then a threat count and a crossings chip (10 px text,
 * 15 px high), 2 px apart. Widths are estimated from the number of characters, close enough for
 * the sans-serif face the canvas uses; the layout test checks the outcome. The discussion badge,
 * shown only on flows with open threads, is not counted.
 */
const NAME_CHAR_WIDTH = 6.6;
const NAME_LINE = { padding: 12, height: 20 };
const CHIP_CHAR_WIDTH = 5.8;
const CHIP_LINE = { padding: 12, height: 15 };
const LINE_GAP = 2;

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
  if (content.threatCount > 0) chips.push(`${content.threatCount} open threats`);
  if (content.crossedBoundaryNames.length > 0) {
    chips.push(`Crosses ${content.crossedBoundaryNames.join(", ")}`);
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
