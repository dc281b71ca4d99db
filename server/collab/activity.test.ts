import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { addContextItem } from "@/lib/model/context";
import { addElement, deleteElement, updateElement } from "@/lib/model/elements";
import { setTitle } from "@/lib/model/meta";
import { getNotesFragment } from "@/lib/model/roots";
import { buildModelDoc } from "@/lib/model/test-helpers";
import { addThreat, updateThreat } from "@/lib/model/threats";
import {
  emptySummary,
  isEmptySummary,
  MAX_ACTIVITY_ITEMS,
  mergeSummaries,
  summarizeTransaction,
  type ActivitySummary,
} from "./activity";

/** The summary of what `change` does to `doc`, as one transaction. */
function summarize(doc: Y.Doc, change: () => void): ActivitySummary {
  let summary: ActivitySummary | null = null;
  const listen = (transaction: Y.Transaction) => {
    summary = summarizeTransaction(doc, transaction);
  };
  doc.on("afterTransaction", listen);
  doc.transact(change);
  doc.off("afterTransaction", listen);
  if (summary === null) throw new Error("no transaction");
  return summary;
}

describe("what a change did, for the activity feed", () => {
  it("counts entities added, changed and removed, a trust boundary apart, with their names", () => {
    const { doc, diagramId } = buildModelDoc();
    const web = addElement(doc, { kind: "process", diagramId, name: "Web", x: 0, y: 0 });
    const gone = addElement(doc, { kind: "data-store", diagramId, name: "Old", x: 0, y: 0 });
    const summary = summarize(doc, () => {
      addThreat(doc, { title: "Spoofed login", category: "spoofing" }, "u1");
      addElement(doc, { kind: "trust-boundary", diagramId, name: "DMZ", x: 0, y: 0 });
      updateElement(doc, web, { name: "Web app" });
      deleteElement(doc, gone);
    });
    expect(summary.counts).toEqual({
      added: { threat: 1, boundary: 1 },
      changed: { element: 1 },
      removed: { element: 1 },
    });
    expect(summary.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "threat", name: "Spoofed login", change: "added" }),
        expect.objectContaining({ kind: "element", id: web, name: "Web app", change: "changed" }),
        expect.objectContaining({ kind: "element", id: gone, name: "", change: "removed" }),
      ]),
    );
    expect(summary.notes || summary.context || summary.title).toBe(false);
  });

  it("counts a field change once, and an entity added and edited in one go as added", () => {
    const { doc } = buildModelDoc();
    const threat = addThreat(doc, { title: "T", category: "tampering" }, "u1");
    const summary = summarize(doc, () => {
      updateThreat(doc, threat, { title: "T2", status: "mitigated" });
      const other = addThreat(doc, { title: "U", category: "tampering" }, "u1");
      updateThreat(doc, other, { title: "U2" });
    });
    expect(summary.counts).toEqual({ added: { threat: 1 }, changed: { threat: 1 }, removed: {} });
  });

  it("notices the notes, the context and the title", () => {
    const { doc } = buildModelDoc();
    const notes = summarize(doc, () => {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText("hello")]);
      getNotesFragment(doc).insert(0, [paragraph]);
    });
    expect(notes.notes).toBe(true);
    const typing = summarize(doc, () => {
      const text = (getNotesFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(5, " world");
    });
    expect(typing).toMatchObject({ notes: true, context: false });
    expect(summarize(doc, () => addContextItem(doc, "assets", "Card numbers")).context).toBe(true);
    expect(summarize(doc, () => setTitle(doc, "Renamed")).title).toBe(true);
  });

  it("merges summaries of one person's minute, keeping the named items bounded", () => {
    const one = emptySummary();
    one.counts.added.threat = 2;
    one.items = Array.from({ length: MAX_ACTIVITY_ITEMS }, (_, index) => ({
      kind: "threat" as const,
      id: `t${index}`,
      name: `T${index}`,
      change: "added" as const,
    }));
    const two = emptySummary();
    two.counts.added.threat = 1;
    two.counts.changed.flow = 3;
    two.notes = true;
    two.items = [{ kind: "flow", id: "f", name: "F", change: "changed" }];
    const merged = mergeSummaries(one, two);
    expect(merged.counts).toEqual({ added: { threat: 3 }, changed: { flow: 3 }, removed: {} });
    expect(merged.items).toHaveLength(MAX_ACTIVITY_ITEMS);
    expect(merged.notes).toBe(true);
    expect(isEmptySummary(emptySummary())).toBe(true);
    expect(isEmptySummary(merged)).toBe(false);
  });
});
