import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { addElement, addFlow, getElementsMap, openSubDiagram } from "../model";
import { buildModelDoc } from "../model/test-helpers";
import { escapeXml, getExportFileName, renderDiagramSvg, wrapText } from "./export-svg";

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => ["g", "line", "text", "tspan", "rect", "ellipse"].includes(name),
});

function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The parsed <svg> element; fails when the output is not well-formed XML. */
function parseSvg(svg: string): XmlNode {
  expect(XMLValidator.validate(svg)).toBe(true);
  const parsed: unknown = parser.parse(svg);
  const root = isNode(parsed) ? parsed.svg : undefined;
  if (!isNode(root)) throw new Error("no <svg> root");
  return root;
}

function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** Every text drawn, one string per <text>, its lines joined by spaces. */
function collectTexts(node: XmlNode): string[] {
  const texts: string[] = [];
  const visit = (value: unknown, isText: boolean) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, isText);
      return;
    }
    if (!isNode(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "text") {
        for (const text of Array.isArray(child) ? child : [child]) {
          if (typeof text === "string") texts.push(text);
          else if (isNode(text)) {
            const spans = children(text, "tspan").map((span) => String(span["#text"] ?? ""));
            texts.push(spans.length > 0 ? spans.join(" ") : String(text["#text"] ?? ""));
          }
        }
      } else if (key === "g") visit(child, isText);
    }
  };
  visit(node, false);
  return texts;
}

function groupsOf(svg: XmlNode, className: string): XmlNode[] {
  return children(svg, "g").filter((group) => group.class === className);
}

function buildLogin() {
  const { doc, diagramId } = buildModelDoc();
  const user = addElement(doc, {
    kind: "external-entity",
    diagramId,
    name: "User",
    x: 0,
    y: 0,
    width: 160,
    height: 80,
  });
  const web = addElement(doc, {
    kind: "process",
    diagramId,
    name: "Web app",
    x: 400,
    y: -20,
    width: 120,
    height: 120,
  });
  const db = addElement(doc, {
    kind: "data-store",
    diagramId,
    name: "Accounts",
    x: 700,
    y: 8,
    width: 160,
    height: 64,
  });
  addElement(doc, {
    kind: "trust-boundary",
    diagramId,
    name: "Internet edge",
    shape: "line",
    x: 280,
    y: -100,
    width: 0,
    height: 300,
  });
  addElement(doc, {
    kind: "trust-boundary",
    diagramId,
    name: "Data centre",
    x: 360,
    y: -60,
    width: 560,
    height: 220,
  });
  addFlow(doc, { sourceId: user, targetId: web, name: "Login", sequence: 1, bidirectional: true });
  addFlow(doc, { sourceId: web, targetId: db, name: "Read account", sequence: 2 });
  return { doc, diagramId, user, web, db };
}

describe("renderDiagramSvg", () => {
  it("writes a standalone SVG fitted to the drawing with a margin and a white background", () => {
    const { doc, diagramId } = buildLogin();
    const svg = parseSvg(renderDiagramSvg(doc, diagramId));

    expect(svg.xmlns).toBe("http://www.w3.org/2000/svg");
    expect(svg.title).toBe("Context diagram");
    const [x, y, width, height] = String(svg.viewBox).split(" ").map(Number);
    expect({ x, y, width, height }).toEqual({ x: -24, y: -124, width: 968, height: 348 });
    const background = children(svg, "rect")[0];
    expect(background).toMatchObject({ fill: "#ffffff", width: "968", height: "348" });
  });

  it("draws each kind of element in its notation, with its name", () => {
    const { doc, diagramId } = buildLogin();
    const svg = parseSvg(renderDiagramSvg(doc, diagramId));

    const [entity] = groupsOf(svg, "external-entity");
    expect(entity && children(entity, "rect")[0]).toMatchObject({ x: "0", width: "160" });
    const [process] = groupsOf(svg, "process");
    expect(process && children(process, "ellipse")[0]).toMatchObject({
      cx: "460",
      cy: "40",
      rx: "60",
      ry: "60",
    });
    const [store] = groupsOf(svg, "data-store");
    expect(store && children(store, "line").map((line) => [line.y1, line.y2])).toEqual([
      ["8", "8"],
      ["72", "72"],
    ]);
    const boundaries = groupsOf(svg, "trust-boundary");
    expect(boundaries).toHaveLength(2);
    for (const boundary of boundaries) {
      const shape = children(boundary, "rect")[0] ?? children(boundary, "line")[0];
      expect(shape).toMatchObject({ stroke: "#dc2626", "stroke-dasharray": "8 6" });
    }
    expect(collectTexts(svg)).toEqual(
      expect.arrayContaining(["User", "Web app", "Accounts", "Internet edge", "Data centre"]),
    );
  });

  it("draws flows as arrows between the shapes' edges, labelled with their sequence", () => {
    const { doc, diagramId } = buildLogin();
    const svg = parseSvg(renderDiagramSvg(doc, diagramId));
    const flows = children(svg, "line").filter((line) => line.class === "data-flow");

    expect(flows).toHaveLength(2);
    const [login, read] = flows;
    // The user's box ends at x = 160; the web app's circle starts at x = 400.
    expect(login).toMatchObject({ x1: "160", y1: "40", x2: "400", y2: "40" });
    expect(login).toMatchObject({
      "marker-end": "url(#flow-arrow)",
      "marker-start": "url(#flow-arrow)",
    });
    expect(read).toMatchObject({ x1: "520", x2: "700", "marker-end": "url(#flow-arrow)" });
    expect(read?.["marker-start"]).toBeUndefined();
    expect(collectTexts(svg)).toEqual(expect.arrayContaining(["1. Login", "2. Read account"]));
  });

  it("moves a flow's label off a shape the flow passes over, and off another label", () => {
    const { doc, diagramId, user, db } = buildLogin();
    // From the user straight to the store: the line runs over the web app at its middle, and
    // "2. Read account" lies on the same line.
    addFlow(doc, { sourceId: user, targetId: db, name: "Export", sequence: 3 });
    const svg = parseSvg(renderDiagramSvg(doc, diagramId));
    const labels = children(svg, "text").filter((text) => text.class === "data-flow-label");
    const at = (name: string) => {
      const label = labels.find((text) => text["#text"] === name);
      return { x: Number(label?.x), y: Number(label?.y) };
    };
    const exported = at("3. Export");
    // The line runs from x 160 to 700; its middle (430) is inside the web app (400-520).
    const halfWidth = ("3. Export".length * 7) / 2;
    expect(exported.x + halfWidth <= 400 || exported.x - halfWidth >= 520).toBe(true);
    // Nor is it on "2. Read account" (x 520-700 at y 40, half width 52.5).
    const read = at("2. Read account");
    expect(Math.abs(exported.x - read.x)).toBeGreaterThanOrEqual(halfWidth + 52.5);
  });

  it("escapes names written by other people", () => {
    const { doc, diagramId } = buildModelDoc({ title: "Model" });
    const hostile = '<script>alert("x")</script>';
    const api = addElement(doc, {
      kind: "process",
      diagramId,
      name: "R&D <api>",
      width: 400,
      height: 120,
    });
    const store = addElement(doc, {
      kind: "data-store",
      diagramId,
      name: hostile,
      x: 600,
      width: 400,
    });
    addFlow(doc, { sourceId: api, targetId: store, name: "Tom & Jerry's <b>" });
    const child = openSubDiagram(doc, api);
    addElement(doc, { kind: "process", diagramId: child, name: "Inner" });

    const raw = renderDiagramSvg(doc, diagramId);
    expect(raw).not.toContain("<script>");
    expect(raw).not.toContain("<b>");
    expect(raw).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(raw).toContain("R&amp;D &lt;api&gt;");
    expect(collectTexts(parseSvg(raw))).toEqual(
      expect.arrayContaining(["R&D <api>", hostile, "Tom & Jerry's <b>"]),
    );
    expect(parseSvg(renderDiagramSvg(doc, child)).title).toBe("R&D <api>");
  });

  it("leaves out flows whose ends are gone and draws an empty diagram", () => {
    const { doc, diagramId, db } = buildLogin();
    getElementsMap(doc).delete(db);
    const svg = parseSvg(renderDiagramSvg(doc, diagramId));
    expect(children(svg, "line").filter((line) => line.class === "data-flow")).toHaveLength(1);
    expect(collectTexts(svg)).not.toContain("2. Read account");

    const empty = buildModelDoc();
    const emptySvg = parseSvg(renderDiagramSvg(empty.doc, empty.diagramId));
    expect(emptySvg.viewBox).toBe("-24 -24 48 48");
  });
});

describe("export helpers", () => {
  it("escapes the five XML special characters", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;",
    );
  });

  it("wraps names into at most three lines", () => {
    expect(wrapText("Orders database", 20)).toEqual(["Orders database"]);
    expect(wrapText("Orders database", 8)).toEqual(["Orders", "database"]);
    expect(wrapText("Averyveryverylongwordindeed", 8)).toEqual([
      "Averyver",
      "yverylon",
      "gwordin…",
    ]);
    expect(wrapText("one two three four five six", 5)).toEqual(["one", "two", "thre…"]);
    expect(wrapText("   ", 10)).toEqual([]);
  });

  it("builds safe file names", () => {
    expect(getExportFileName("Web Service - Worker", "svg")).toBe("Web Service - Worker.svg");
    expect(getExportFileName('a/b:c*?"<>|d', "png")).toBe("a b c d.png");
    expect(getExportFileName("  ", "svg")).toBe("diagram.svg");
    expect(getExportFileName("..hidden", "svg")).toBe("hidden.svg");
  });
});
