import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { getThreatsMap } from "./roots";
import { addThreat, getThreat, updateThreat } from "./threats";

/**
 * Names and titles in the shared document never carry bidirectional controls or misplaced
 * zero-width characters: what one participant sees is what is there, whoever wrote it.
 */
describe("invisible formatting in the shared document", () => {
  it("is dropped from a threat title written through the accessors", () => {
    const doc = new Y.Doc();
    const id = addThreat(doc, { title: "Log\u202Egnp.exe", category: "tampering" }, "u1");
    expect(getThreat(doc, id)?.title).toBe("Loggnp.exe");
    updateThreat(doc, id, { title: "Admin\u200B panel" });
    expect(getThreat(doc, id)?.title).toBe("Admin panel");
  });

  it("is dropped when reading a title a peer wrote raw, and emoji sequences are kept", () => {
    const doc = new Y.Doc();
    const id = addThreat(doc, { title: "placeholder", category: "spoofing" }, "u1");
    const entry = getThreatsMap(doc).get(id);
    if (!(entry instanceof Y.Map)) throw new Error("expected a map");
    entry.set("title", "Reset \u2066token\u2069 for 👩‍💻");
    expect(getThreat(doc, id)?.title).toBe("Reset token for 👩‍💻");
  });
});
