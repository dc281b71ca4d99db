import type * as Y from "yjs";
import { getElement } from "@/lib/model/elements";
import { getFlow } from "@/lib/model/flows";
import { listMitigations, MITIGATION_STATUS_LABELS } from "@/lib/model/mitigations";
import {
  listThreats,
  STRIDE_CATEGORY_LABELS,
  THREAT_RESPONSE_LABELS,
  THREAT_SEVERITY_LABELS,
  THREAT_STATUS_LABELS,
} from "@/lib/model/threats";

/**
 * Threats and mitigations as CSV for issue trackers (RFC 4180: CRLF line ends, every field
 * quoted). One row per threat or mitigation with its stable id, so a second export updates
 * the same tickets. A field of people's text that a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe; ids are
 * written as they are, so that they stay the same from one export to the next.
 */

/** A quoted field; text from people is defused, ids (which may start with "-") are not. */
function field(value: string | number | null | undefined, isId: boolean): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (!isId && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** CSV with a header; `idColumns` name the columns that hold generated ids. */
function toCsv(header: string[], rows: (string | number | null)[][], idColumns: string[]): string {
  const isId = header.map((name) => idColumns.includes(name));
  return (
    [header, ...rows]
      .map((row) => row.map((value, index) => field(value, isId[index] === true)).join(","))
      .join("\r\n") + "\r\n"
  );
}

/** The name and kind of what a threat applies to. */
function targetOf(doc: Y.Doc, targetId: string | null): [string, string] {
  if (targetId === null) return ["", "model"];
  const element = getElement(doc, targetId);
  if (element) return [element.name, element.kind];
  const flow = getFlow(doc, targetId);
  return flow ? [flow.name, "flow"] : ["", ""];
}

export function serializeThreatsCsv(doc: Y.Doc): string {
  const mitigations = listMitigations(doc);
  return toCsv(
    [
      "id",
      "title",
      "category",
      "status",
      "severity",
      "response",
      "target",
      "target kind",
      "description",
      "mitigation ids",
      "bug url",
    ],
    listThreats(doc).map((threat) => {
      const [target, kind] = targetOf(doc, threat.targetId);
      return [
        threat.id,
        threat.title,
        STRIDE_CATEGORY_LABELS[threat.category],
        THREAT_STATUS_LABELS[threat.status],
        threat.severity ? THREAT_SEVERITY_LABELS[threat.severity] : "",
        threat.response ? THREAT_RESPONSE_LABELS[threat.response] : "",
        target,
        kind,
        threat.description,
        mitigations
          .filter((m) => m.threatIds.includes(threat.id))
          .map((m) => m.id)
          .join(" "),
        threat.bugUrl,
      ];
    }),
    ["id", "mitigation ids"],
  );
}

export function serializeMitigationsCsv(doc: Y.Doc): string {
  return toCsv(
    [
      "id",
      "title",
      "status",
      "owner",
      "control type",
      "control function",
      "cost",
      "effectiveness",
      "description",
      "threat ids",
    ],
    listMitigations(doc).map((mitigation) => [
      mitigation.id,
      mitigation.title,
      MITIGATION_STATUS_LABELS[mitigation.status],
      mitigation.owner,
      mitigation.controlType,
      mitigation.controlFunction,
      mitigation.cost,
      mitigation.effectiveness,
      mitigation.description,
      mitigation.threatIds.join(" "),
    ]),
    ["id", "threat ids"],
  );
}
