import * as Y from "yjs";
import { addDiagram, addElement, addFlow } from "@/lib/model";
import type { ElementKind } from "@/lib/model";

/** Names of the elements in the 20-element diagram, left to right, top to bottom. */
const ELEMENTS: readonly { kind: ElementKind; name: string; x: number; y: number }[] = [
  { kind: "external-entity", name: "Customer", x: 0, y: 80 },
  { kind: "external-entity", name: "Support agent", x: 0, y: 320 },
  { kind: "external-entity", name: "Payment provider", x: 0, y: 560 },
  { kind: "process", name: "Web front end", x: 300, y: 80 },
  { kind: "process", name: "API gateway", x: 300, y: 320 },
  { kind: "process", name: "Checkout service", x: 600, y: 80 },
  { kind: "process", name: "Order service", x: 600, y: 320 },
  { kind: "process", name: "Billing worker", x: 600, y: 560 },
  { kind: "process", name: "Notification sender", x: 900, y: 80 },
  { kind: "process", name: "Reporting job", x: 900, y: 320 },
  { kind: "process", name: "Admin console", x: 900, y: 560 },
  { kind: "data-store", name: "Orders database", x: 1200, y: 80 },
  { kind: "data-store", name: "Session cache", x: 1200, y: 320 },
  { kind: "data-store", name: "Audit log", x: 1200, y: 560 },
  { kind: "data-store", name: "Invoice archive", x: 1500, y: 80 },
  { kind: "data-store", name: "Search index", x: 1500, y: 320 },
  { kind: "external-entity", name: "Email service", x: 1500, y: 560 },
  { kind: "external-entity", name: "Analytics vendor", x: 1800, y: 320 },
  { kind: "process", name: "Fraud scoring", x: 1800, y: 80 },
];

const FLOWS: readonly [string, string, string][] = [
  ["Customer", "Web front end", "Orders"],
  ["Web front end", "API gateway", "API calls"],
  ["Support agent", "Admin console", "Case updates"],
  ["API gateway", "Checkout service", "Checkout"],
  ["API gateway", "Order service", "Order queries"],
  ["Checkout service", "Payment provider", "Card token"],
  ["Checkout service", "Orders database", "New order"],
  ["Order service", "Orders database", "Order rows"],
  ["Order service", "Session cache", "Sessions"],
  ["Billing worker", "Invoice archive", "Invoices"],
  ["Billing worker", "Audit log", "Billing events"],
  ["Notification sender", "Email service", "Emails"],
  ["Reporting job", "Search index", "Report data"],
  ["Reporting job", "Analytics vendor", "Metrics"],
  ["Admin console", "Audit log", "Admin actions"],
  ["Checkout service", "Fraud scoring", "Risk check"],
  ["Order service", "Notification sender", "Order events"],
];

/**
 * A Yjs update holding a diagram of 20 elements (19 elements and a trust boundary around the
 * services) joined by 17 named flows: a realistic meeting-sized drawing for layout checks and
 * screenshots (send it with pushUpdatePastTheUi; open it with `?diagram=<diagramId>`).
 */
export function buildTwentyElementUpdate(): { update: Uint8Array; diagramId: string } {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Shop", layer: 0, parentElementId: null });
  addElement(doc, {
    kind: "trust-boundary",
    diagramId,
    name: "Company network",
    x: 260,
    y: 40,
    width: 1150,
    height: 640,
  });
  const ids = new Map<string, string>();
  for (const element of ELEMENTS) {
    ids.set(element.name, addElement(doc, { diagramId, ...element }));
  }
  for (const [source, target, name] of FLOWS) {
    const sourceId = ids.get(source);
    const targetId = ids.get(target);
    if (sourceId === undefined || targetId === undefined) throw new Error(`no ${source}/${target}`);
    addFlow(doc, { sourceId, targetId, name });
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, diagramId };
}
