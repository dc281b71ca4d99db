import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { addElement, deleteElement, updateElement } from "./elements";
import { addFlow } from "./flows";
import { addMitigation } from "./mitigations";
import { countNoteItemsByThreat, findMentionables, listNoteItems, resolveMention } from "./notes";
import { getNotesFragment } from "./roots";
import { buildModelDoc } from "./test-helpers";
import { addThreat, deleteThreat, updateThreat } from "./threats";

/** A block as the editor binding stores it: an element with attributes and children. */
function block(
  name: string,
  children: (string | Y.XmlElement)[],
  attributes: Record<string, unknown> = {},
): Y.XmlElement {
  const element = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, value as string);
  }
  element.insert(
    0,
    children.map((child) => {
      if (typeof child !== "string") return child;
      const text = new Y.XmlText();
      text.insert(0, child);
      return text;
    }),
  );
  return element;
}

function mention(kind: string, id: string, label: string): Y.XmlElement {
  return block("mention", [], { kind, id, label });
}

describe("mentions", () => {
  it("offers threats, elements, flows and mitigations by name, best matches first", () => {
    const { doc, diagramId } = buildModelDoc();
    const web = addElement(doc, { kind: "process", diagramId, name: "Web app", x: 0, y: 0 });
    const db = addElement(doc, { kind: "data-store", diagramId, name: "Orders DB", x: 200, y: 0 });
    addFlow(doc, { sourceId: web, targetId: db, name: "Write order to web store" });
    addThreat(doc, { title: "Spoofed web session", category: "spoofing" }, "u1");
    addMitigation(doc, { title: "Web application firewall" }, "u1");

    const found = findMentionables(doc, "web");
    expect(found.map((item) => [item.kind, item.name])).toEqual([
      ["element", "Web app"],
      ["mitigation", "Web application firewall"],
      ["threat", "Spoofed web session"],
      ["flow", "Write order to web store"],
    ]);
    expect(found.find((item) => item.kind === "flow")?.diagramId).toBe(diagramId);
    expect(findMentionables(doc, "nothing like it")).toEqual([]);
    expect(findMentionables(doc, "")[0]?.kind).toBe("threat");
    expect(findMentionables(doc, "", 2)).toHaveLength(2);
  });

  it("resolves to the current name and says when the target is gone", () => {
    const { doc, diagramId } = buildModelDoc();
    const id = addElement(doc, { kind: "process", diagramId, name: "API", x: 0, y: 0 });
    updateElement(doc, id, { name: "Public API" });
    expect(resolveMention(doc, "element", id)).toEqual({
      exists: true,
      name: "Public API",
      diagramId,
    });
    deleteElement(doc, id);
    expect(resolveMention(doc, "element", id)).toEqual({ exists: false });
    expect(resolveMention(doc, "threat", "no-such-id")).toEqual({ exists: false });
  });
});

describe("decisions and action items", () => {
  it("lists them in document order with their attributes, at any depth", () => {
    const { doc } = buildModelDoc();
    const threatId = addThreat(doc, { title: "SQL injection", category: "tampering" }, "u1");
    const listItem = block("listItem", [
      block("actionItem", ["Patch the ORM"], { assignee: "Ada", due: "2027-01-15", done: true }),
    ]);
    getNotesFragment(doc).insert(0, [
      block("heading", ["Review"], { level: 1 }),
      block("decision", ["Accept the risk of ", mention("threat", threatId, "SQLi")], { threatId }),
      block("bulletList", [listItem]),
    ]);

    const items = listNoteItems(doc);
    expect(items).toEqual([
      {
        type: "decision",
        blockIndex: 1,
        text: "Accept the risk of #SQL injection",
        threatId,
        assignee: "",
        due: null,
        done: false,
      },
      {
        type: "action",
        blockIndex: 2,
        text: "Patch the ORM",
        threatId: null,
        assignee: "Ada",
        due: "2027-01-15",
        done: true,
      },
    ]);

    // A rename shows in the text; a deleted threat falls back to the stored label.
    updateThreat(doc, threatId, { title: "Injection in search" });
    expect(listNoteItems(doc)[0]?.text).toBe("Accept the risk of #Injection in search");
    deleteThreat(doc, threatId);
    expect(listNoteItems(doc)[0]?.text).toBe("Accept the risk of #SQLi");
  });

  it("reads damaged attributes as absent instead of failing", () => {
    const { doc } = buildModelDoc();
    getNotesFragment(doc).insert(0, [
      block("actionItem", ["Rotate keys"], {
        assignee: "x".repeat(500),
        due: "tomorrow",
        threatId: "",
        done: "maybe",
      }),
      block("decision", [mention("spaceship", "abc", "Odd")]),
    ]);
    expect(listNoteItems(doc)).toEqual([
      {
        type: "action",
        blockIndex: 0,
        text: "Rotate keys",
        threatId: null,
        assignee: "",
        due: null,
        done: false,
      },
      {
        type: "decision",
        blockIndex: 1,
        text: "#Odd",
        threatId: null,
        assignee: "",
        due: null,
        done: false,
      },
    ]);
  });

  it("counts them per linked threat", () => {
    const { doc } = buildModelDoc();
    const a = addThreat(doc, { title: "A", category: "spoofing" }, "u1");
    const b = addThreat(doc, { title: "B", category: "spoofing" }, "u1");
    getNotesFragment(doc).insert(0, [
      block("decision", ["d1"], { threatId: a }),
      block("actionItem", ["a1"], { threatId: a }),
      block("actionItem", ["a2"], { threatId: a }),
      block("actionItem", ["a3"], { threatId: b }),
      block("actionItem", ["unlinked"]),
    ]);
    const counts = countNoteItemsByThreat(listNoteItems(doc));
    expect(Object.fromEntries(counts)).toEqual({
      [a]: { decisions: 1, actions: 2 },
      [b]: { decisions: 0, actions: 1 },
    });
  });
});
