import type * as Y from "yjs";
import { getDiagram } from "../model/diagrams";
import { getMeta } from "../model/meta";
import { listNoteItems, resolveMention } from "../model/notes";
import { decisionKey, type ThreadTarget } from "./targets";

/**
 * The current name of a thread's target in the document, or null when it is not there (any
 * more). A decision is found by the hash of its text (decisionKey) and named by that text.
 */
export function describeTarget(doc: Y.Doc, target: ThreadTarget): { name: string } | null {
  switch (target.kind) {
    case "model":
      return { name: getMeta(doc).title };
    case "diagram": {
      const diagram = getDiagram(doc, target.id);
      return diagram ? { name: diagram.title } : null;
    }
    case "decision": {
      const decision = listNoteItems(doc).find(
        (item) => item.type === "decision" && decisionKey(item.text) === target.id,
      );
      return decision ? { name: decision.text } : null;
    }
    case "element":
    case "flow":
    case "threat":
    case "mitigation": {
      const found = resolveMention(doc, target.kind, target.id);
      return found.exists ? { name: found.name } : null;
    }
  }
}
