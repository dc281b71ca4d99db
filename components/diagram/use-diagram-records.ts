"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { getHierarchicalName, listStubFlows } from "@/lib/diagram/hierarchy";
import type { StubFlow } from "@/lib/diagram/hierarchy";
import { listDiagrams, observeDiagrams } from "@/lib/model/diagrams";
import type { Diagram } from "@/lib/model/diagrams";
import { getElement, listElements, observeElements } from "@/lib/model/elements";
import type { DiagramElement } from "@/lib/model/element-records";
import { getFlow, listFlows, observeFlows } from "@/lib/model/flows";
import type { Flow } from "@/lib/model/flows";
import { measureWork, OPEN_MEASURES } from "@/lib/perf/open-timing";

/** The elements and data flows of one diagram, and its parent's flow stubs. */
export interface DiagramRecords {
  /** Trust boundaries first, so they are drawn beneath the rest. */
  elements: DiagramElement[];
  flows: Flow[];
  stubs: StubFlow[];
}

function isBoundaryFirst(a: DiagramElement, b: DiagramElement): number {
  return Number(b.kind === "trust-boundary") - Number(a.kind === "trust-boundary");
}

/** Entity id -> record, kept current by re-reading only the ids a transaction touched. */
class RecordCache<T extends { id: string }> {
  readonly byId = new Map<string, T>();

  constructor(
    records: readonly T[],
    private readonly read: (id: string) => T | null,
  ) {
    for (const record of records) this.byId.set(record.id, record);
  }

  refresh(ids: readonly string[]): void {
    for (const id of ids) {
      const record = this.read(id);
      if (record === null) this.byId.delete(id);
      else this.byId.set(id, record);
    }
  }

  listOfDiagram(diagramId: string): T[] {
    const list: T[] = [];
    for (const record of this.byId.values()) {
      if ("diagramId" in record && record.diagramId === diagramId) list.push(record);
    }
    return list;
  }
}

function readRecords(
  doc: Y.Doc,
  diagramId: string,
  elements: RecordCache<DiagramElement>,
  flows: RecordCache<Flow>,
): DiagramRecords {
  return measureWork(OPEN_MEASURES.diagramRecords, () => ({
    elements: elements.listOfDiagram(diagramId).sort(isBoundaryFirst),
    flows: flows.listOfDiagram(diagramId),
    stubs: listStubFlows(doc, diagramId),
  }));
}

/** The record caches of a document, filled from it, and one diagram's records. */
function createRecordsState(doc: Y.Doc, diagramId: string) {
  const { elements, flows } = measureWork(OPEN_MEASURES.diagramRecords, () => ({
    elements: new RecordCache(listElements(doc), (id) => getElement(doc, id)),
    flows: new RecordCache(listFlows(doc), (id) => getFlow(doc, id)),
  }));
  return { doc, diagramId, elements, flows, records: readRecords(doc, diagramId, elements, flows) };
}

/**
 * The records of one diagram, re-read after every change. Only the changed entities are read
 * again, so an unchanged element keeps its object identity and its node is not redrawn.
 */
export function useDiagramRecords(doc: Y.Doc, diagramId: string): DiagramRecords {
  const [state, setState] = useState(() => createRecordsState(doc, diagramId));

  let current = state;
  if (state.doc !== doc || state.diagramId !== diagramId) {
    current = createRecordsState(doc, diagramId);
    setState(current);
  }

  const { elements, flows } = current;
  useEffect(() => {
    function update() {
      setState((previous) =>
        previous.elements === elements
          ? { ...previous, records: readRecords(doc, diagramId, elements, flows) }
          : previous,
      );
    }
    const stopElements = observeElements(doc, (change) => {
      elements.refresh(change.ids);
      update();
    });
    const stopFlows = observeFlows(doc, (change) => {
      flows.refresh(change.ids);
      update();
    });
    // A sub-diagram's stubs name its process, which may be renamed or re-parented.
    const stopDiagrams = observeDiagrams(doc, update);
    return () => {
      stopElements();
      stopFlows();
      stopDiagrams();
    };
  }, [doc, diagramId, elements, flows]);

  return current.records;
}

/** A diagram with its hierarchical name ("Web Service - Worker"). */
export interface NamedDiagram extends Diagram {
  hierarchicalName: string;
}

function readNamedDiagrams(doc: Y.Doc): NamedDiagram[] {
  return listDiagrams(doc).map((diagram) => ({
    ...diagram,
    hierarchicalName: getHierarchicalName(doc, diagram.id),
  }));
}

/** Every diagram of the model with its hierarchical name, re-read after every change. */
export function useDiagrams(doc: Y.Doc | null): NamedDiagram[] {
  const [diagrams, setDiagrams] = useState<NamedDiagram[]>([]);
  useEffect(() => {
    if (!doc) {
      setDiagrams([]);
      return;
    }
    let lastKey = "";
    const update = () => {
      const next = readNamedDiagrams(doc);
      // Most element changes (moves) change no name: keep the list, and its readers, as they are.
      const key = JSON.stringify(next);
      if (key === lastKey) return;
      lastKey = key;
      setDiagrams(next);
    };
    update();
    const stopDiagrams = observeDiagrams(doc, update);
    // Hierarchical names are the names of processes.
    const stopElements = observeElements(doc, update);
    return () => {
      stopDiagrams();
      stopElements();
    };
  }, [doc]);
  return diagrams;
}
