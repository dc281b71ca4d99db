"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { computeCrossings } from "@/lib/diagram/crossings";
import { getDiagram, observeDiagrams } from "@/lib/model/diagrams";
import type { Diagram } from "@/lib/model/diagrams";
import { getElement, listElementsOfDiagram, observeElements } from "@/lib/model/elements";
import type { DiagramElement } from "@/lib/model/element-records";
import { getFlow, observeFlows } from "@/lib/model/flows";
import type { Flow } from "@/lib/model/flows";

/** The diagram, re-read after every change to diagrams; null when absent. */
export function useDiagram(doc: Y.Doc, diagramId: string): Diagram | null {
  const [diagram, setDiagram] = useState<Diagram | null>(() => getDiagram(doc, diagramId));
  useEffect(() => {
    setDiagram(getDiagram(doc, diagramId));
    return observeDiagrams(doc, () => setDiagram(getDiagram(doc, diagramId)));
  }, [doc, diagramId]);
  return diagram;
}

/** One element, re-read when a change touches it; null when absent (deleted meanwhile). */
export function useElementRecord(doc: Y.Doc, elementId: string): DiagramElement | null {
  const [element, setElement] = useState(() => getElement(doc, elementId));
  useEffect(() => {
    setElement(getElement(doc, elementId));
    return observeElements(doc, (change) => {
      if (change.ids.includes(elementId)) setElement(getElement(doc, elementId));
    });
  }, [doc, elementId]);
  return element;
}

/** One data flow, re-read when a change touches it; null when absent (deleted meanwhile). */
export function useFlowRecord(doc: Y.Doc, flowId: string): Flow | null {
  const [flow, setFlow] = useState(() => getFlow(doc, flowId));
  useEffect(() => {
    setFlow(getFlow(doc, flowId));
    return observeFlows(doc, (change) => {
      if (change.ids.includes(flowId)) setFlow(getFlow(doc, flowId));
    });
  }, [doc, flowId]);
  return flow;
}

/** The trust boundaries a data flow crosses, in name order. */
export interface CrossedBoundary {
  id: string;
  name: string;
}

function readCrossedBoundaries(doc: Y.Doc, flowId: string): CrossedBoundary[] {
  const flow = getFlow(doc, flowId);
  if (flow === null) return [];
  const elements = listElementsOfDiagram(doc, flow.diagramId);
  const crossedIds = computeCrossings({ elements, flows: [flow] }).get(flow.id) ?? [];
  return elements
    .filter((element) => crossedIds.includes(element.id))
    .map((element) => ({ id: element.id, name: element.name }))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/**
 * The trust boundaries a data flow crosses, recomputed whenever an element or a flow changes:
 * moving either end or a boundary changes the answer.
 */
export function useCrossedBoundaries(doc: Y.Doc, flowId: string): CrossedBoundary[] {
  const [boundaries, setBoundaries] = useState(() => readCrossedBoundaries(doc, flowId));
  useEffect(() => {
    let lastKey = "";
    const update = () => {
      const next = readCrossedBoundaries(doc, flowId);
      // Most moves change no crossing: keep the same list so the view does not redraw.
      const key = JSON.stringify(next);
      if (key === lastKey) return;
      lastKey = key;
      setBoundaries(next);
    };
    update();
    const stopElements = observeElements(doc, update);
    const stopFlows = observeFlows(doc, update);
    return () => {
      stopElements();
      stopFlows();
    };
  }, [doc, flowId]);
  return boundaries;
}
