import { measureDfdOpen } from "../dfd-open";
import { roundFigure, type BenchSection } from "../section";

/**
 * The cold open of a 500-element, 700-flow diagram in Chromium until it is interactive:
 * figure `dfd_open_ms_500` (median). Builds the app first when its build is stale.
 */
export const dfdOpenSection: BenchSection = {
  name: "dfd-open",
  title: "Opening a large diagram in the browser",
  run: async ({ isQuick }) => {
    const runs = isQuick ? 2 : 5;
    const result = await measureDfdOpen({ runs });
    const median = roundFigure(result.medianMs, 0);
    const fps = roundFigure(result.panZoomFps, 1);
    return {
      columns: ["figure", "value", "what"],
      rows: [
        [
          "dfd_open_ms_500",
          median,
          `ms: median of ${runs} cold opens (new browser context) of a model with 500 elements and 700 flows on one diagram, from navigation until the canvas is drawn and a click selects an element`,
        ],
        [
          "dfd_pan_zoom_fps_500",
          fps,
          "frames per second drawn while panning and zooming that diagram with the mouse (headless Chromium draws at most 60)",
        ],
      ],
      figures: { dfd_open_ms_500: median, dfd_pan_zoom_fps_500: fps },
      notes: [`each run, ms: ${result.runsMs.map((ms) => Math.round(ms)).join(", ")}`],
    };
  },
};
