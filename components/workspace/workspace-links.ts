import { DIAGRAM_PARAM } from "@/components/diagram/diagram-url";
import { WORKSPACE_TAB_PARAM } from "./workspace-tab";

/** The query parameter naming an element or flow to select on the diagram. */
export const DIAGRAM_SELECT_PARAM = "select";
/** The query parameter naming an element or flow whose threats the threat list shows. */
export const THREAT_TARGET_PARAM = "target";
/** The query parameter naming a threat whose details the threat list opens. */
export const THREAT_OPEN_PARAM = "threat";

/**
 * `href` opening the Diagram tab on `diagramId` with `targetId` selected: where a threat's
 * element or flow is drawn. The threat list's own parameter is dropped; the hash is kept.
 */
export function buildDiagramTargetUrl(href: string, diagramId: string, targetId: string): string {
  const url = new URL(href);
  url.searchParams.delete(WORKSPACE_TAB_PARAM);
  url.searchParams.set(DIAGRAM_PARAM, diagramId);
  url.searchParams.set(DIAGRAM_SELECT_PARAM, targetId);
  url.searchParams.delete(THREAT_TARGET_PARAM);
  return url.toString();
}

/**
 * `href` opening the threat list filtered to the threats of `targetId`. The diagram stays in
 * the query, so going back to the Diagram tab shows the same diagram.
 */
export function buildThreatListTargetUrl(href: string, targetId: string): string {
  const url = new URL(href);
  url.searchParams.set(WORKSPACE_TAB_PARAM, "threats");
  url.searchParams.delete(DIAGRAM_SELECT_PARAM);
  url.searchParams.set(THREAT_TARGET_PARAM, targetId);
  return url.toString();
}

/**
 * `href` opening the threat list (unfiltered) with `threatId`'s details open, e.g. from a
 * mention in the notes. The diagram stays in the query.
 */
export function buildThreatOpenUrl(href: string, threatId: string): string {
  const url = new URL(href);
  url.searchParams.set(WORKSPACE_TAB_PARAM, "threats");
  url.searchParams.delete(DIAGRAM_SELECT_PARAM);
  url.searchParams.delete(THREAT_TARGET_PARAM);
  url.searchParams.set(THREAT_OPEN_PARAM, threatId);
  return url.toString();
}
