import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { initializeDocument } from "@/lib/model/document";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { listMitigations } from "@/lib/model/mitigations";
import { listThreats } from "@/lib/model/threats";
import { buildThreatRoomExample, EXAMPLE_TITLE } from "./threat-room-model";

describe("the product's own threat model", () => {
  it("has the system's parts, flows, and threats each on a part with its controls", () => {
    const doc = new Y.Doc();
    initializeDocument(doc, { title: EXAMPLE_TITLE, ownerId: "owner" });
    buildThreatRoomExample(doc, "owner");
    const names = listElements(doc).map((element) => element.name);
    for (const part of [
      "Browser",
      "Next.js server and API",
      "Websocket rooms",
      "PostgreSQL or PGlite",
      "Redis",
      "OIDC provider",
      "Mail relay (SMTP)",
    ]) {
      expect(names).toContain(part);
    }
    expect(listFlows(doc).length).toBeGreaterThanOrEqual(7);
    const threats = listThreats(doc);
    expect(threats.length).toBeGreaterThanOrEqual(12);
    expect(threats.every((threat) => threat.targetId !== null)).toBe(true);
    const mitigations = listMitigations(doc);
    for (const threat of threats) {
      expect(mitigations.some((mitigation) => mitigation.threatIds.includes(threat.id))).toBe(true);
    }
  });
});
