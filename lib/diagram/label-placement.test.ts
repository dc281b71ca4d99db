import { describe, expect, it } from "vitest";
import type { Point, Rect } from "./geometry";
import { LABEL_POSITIONS, placeLabels, type HalfSize } from "./label-placement";

/** A label of nine letters. */
const SHORT: HalfSize = { width: 36, height: 10 };
const from = { x: 0, y: 100 };
const to = { x: 1000, y: 100 };
/** A vertical flow crossing the horizontal one at its middle, (500, 100). */
const down = { from: { x: 500, y: -400 }, to: { x: 500, y: 600 } };

function placeOne(boxes: readonly Rect[], start: Point = from, end: Point = to): number {
  const [position] = placeLabels(boxes, [{ from: start, to: end, halfSize: SHORT }]);
  return position ?? Number.NaN;
}

describe("placeLabels", () => {
  it("puts a label at the middle of its flow when no element covers it there", () => {
    expect(placeOne([{ x: 0, y: 300, width: 120, height: 60 }])).toBe(0.5);
  });

  it("moves a label off an element that covers the middle, to the nearest free point", () => {
    // An element over x 430-570: with the label's half width (36) counted, every point from
    // 0.4 (x 400) to 0.6 (x 600) is under it; 0.35 (x 350) is the nearest clear one.
    expect(placeOne([{ x: 430, y: 60, width: 140, height: 80 }])).toBe(0.35);
  });

  it("prefers the nearer point towards the start when both sides are free", () => {
    // An element over x 480-520: 0.45 (x 450, box 414-486) is under it; 0.4 and 0.6 are clear.
    expect(placeOne([{ x: 480, y: 80, width: 40, height: 40 }])).toBe(0.4);
  });

  it("reads boxes with negative sizes as the box they cover", () => {
    expect(placeOne([{ x: 520, y: 120, width: -40, height: -40 }])).toBe(0.4);
  });

  it("keeps the middle when every point tried is covered", () => {
    expect(placeOne([{ x: -100, y: 0, width: 1200, height: 200 }])).toBe(0.5);
    expect(LABEL_POSITIONS[0]).toBe(0.5);
  });

  it("moves a label off one placed before it", () => {
    const placed = placeLabels(
      [],
      [
        { from, to, halfSize: SHORT },
        { ...down, halfSize: SHORT },
      ],
    );
    // Down the vertical flow, 0.45 puts the label's middle at y 50: its box (y 40-60) is clear
    // of the first's (y 90-110).
    expect(placed).toEqual([0.5, 0.45]);
  });

  it("weighs the size of each label: a tall label needs more room", () => {
    const tall = { width: 60, height: 30 };
    const placed = placeLabels(
      [],
      [
        { from, to, halfSize: tall },
        { ...down, halfSize: tall },
      ],
    );
    // The first box spans y 70-130; a label of half height 30 clears it from y 40 (0.44) up,
    // and the nearest point tried beyond that is 0.4 (y 0).
    expect(placed).toEqual([0.5, 0.4]);
  });

  it("gives the label with the least room its place first, whatever the order given", () => {
    // The horizontal flow runs under two elements, with room for a label only around its
    // middle (x 440-560), where only 0.5 is clear; the vertical flow crossing there could go
    // anywhere along it. Placed first, the crossing flow would take the middle and leave none.
    const elements: Rect[] = [
      { x: 0, y: 60, width: 440, height: 80 },
      { x: 560, y: 60, width: 440, height: 80 },
    ];
    const narrow = { width: 20, height: 10 };
    const crossing = { ...down, halfSize: narrow };
    const squeezed = { from, to, halfSize: narrow };
    expect(placeLabels(elements, [crossing, squeezed])).toEqual([0.45, 0.5]);
    expect(placeLabels(elements, [squeezed, crossing])).toEqual([0.5, 0.45]);
  });

  it("takes the point with the fewest labels under it when none is free", () => {
    // Short vertical flows with labels along y 100, every 50 units but at x 750.
    const posts = [];
    for (let x = 0; x <= 1000; x += 50) {
      if (x === 750) continue;
      posts.push({ from: { x, y: 0 }, to: { x, y: 200 }, halfSize: { width: 10, height: 10 } });
    }
    // A label of half width 30 at 0.75 (x 750) reaches x 720-780, clear of the posts at 700
    // (690-710) and 800 (790-810); at every other point tried it meets one or two of them.
    const placed = placeLabels([], [...posts, { from, to, halfSize: { width: 30, height: 10 } }]);
    expect(placed.at(-1)).toBe(0.75);
  });

  it("never puts a label on an element to avoid another label", () => {
    // Points from 0.3 to 0.7 are under the element (x 300-700). The first label takes 0.25, the
    // second 0.75. A third overlaps a label at 0.25, 0.75, 0.2 and 0.8 alike, and takes the
    // nearest of those to the middle rather than any point on the element.
    const request = { from, to, halfSize: SHORT };
    expect(
      placeLabels([{ x: 300, y: 0, width: 400, height: 200 }], [request, request, request]),
    ).toEqual([0.25, 0.75, 0.25]);
  });

  it("gives labels of no size, and null requests, the middle and no room", () => {
    const placed = placeLabels(
      [],
      [null, { from, to, halfSize: { width: 0, height: 0 } }, { from, to, halfSize: SHORT }],
    );
    expect(placed).toEqual([0.5, 0.5, 0.5]);
  });

  it("copes with boxes of any size a document may hold, and still avoids them", () => {
    // An element half a billion units wide, ending at x 470, would meet millions of index
    // cells. It covers the middle (box x 464-536) and 0.45; 0.55 (x 514-586) is clear.
    const huge = { x: -5e8, y: 90, width: 5e8 + 470, height: 20 };
    expect(placeOne([huge])).toBe(0.55);
    expect(placeOne([{ ...huge, y: 150 }])).toBe(0.5);
    // A label a billion units wide along the horizontal flow: the next label on that flow
    // meets it wherever it goes, and keeps the middle; the vertical flow's label moves up
    // off both, to 0.45 (y 40-60).
    const wide = { width: 1e9, height: 10 };
    expect(
      placeLabels(
        [],
        [
          { from, to, halfSize: wide },
          { from, to, halfSize: SHORT },
          { ...down, halfSize: SHORT },
        ],
      ),
    ).toEqual([0.5, 0.5, 0.45]);
  });

  it("answers for places far past any drawing, and for lines whose length overflows", () => {
    // Cell numbers past 2^53 do not change when one is added: a loop over cells never ended.
    const far = { x: 1e19, y: 0, width: 2000, height: 40 };
    const farFrom = { x: 1e19 - 1000, y: 20 };
    const farTo = { x: 1e19 + 3000, y: 20 };
    expect(placeOne([far], farFrom, farTo)).toBe(0.5);
    // Ends at either edge of the numbers: to.x - from.x is Infinity.
    const edge = Number.MAX_VALUE;
    const placed = placeOne([], { x: -edge, y: 0 }, { x: edge, y: 0 });
    expect(LABEL_POSITIONS).toContain(placed);
  });
});
