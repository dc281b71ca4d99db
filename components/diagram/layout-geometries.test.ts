import { describe, expect, it } from "vitest";
import { listElements } from "@/lib/model/elements";
import { getElementGeometry } from "./diagram-mapping";
import { toLayoutGeometries } from "./layout-geometries";
import { buildSmallDiagram } from "./test-factories";

describe("toLayoutGeometries", () => {
  it("moves elements, keeps their size unless given, and skips unknown ids", () => {
    const { doc, web, internet } = buildSmallDiagram();
    const elementsById = new Map(listElements(doc).map((element) => [element.id, element]));
    const webElement = elementsById.get(web);
    if (!webElement) throw new Error("the web app is on the diagram");
    const geometries = toLayoutGeometries(
      new Map([
        [web, { x: 10, y: 20 }],
        [internet, { x: 0, y: 0, width: 900, height: 500 }],
        ["gone", { x: 1, y: 1 }],
      ]),
      elementsById,
    );
    const { width, height } = getElementGeometry(webElement);
    expect(geometries.get(web)).toEqual({ x: 10, y: 20, width, height });
    expect(geometries.get(internet)).toEqual({ x: 0, y: 0, width: 900, height: 500 });
    expect(geometries.has("gone")).toBe(false);
  });
});
