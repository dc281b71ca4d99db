"use client";

import { useMemo } from "react";
import type { DiagramElement } from "@/lib/model/element-records";
import type { DiagramRecords } from "./use-diagram-records";

/** The diagram's elements by id and its data flow ids, rebuilt when the records change. */
export function useRecordIndex(records: DiagramRecords): {
  elementsById: ReadonlyMap<string, DiagramElement>;
  flowIds: ReadonlySet<string>;
} {
  const elementsById = useMemo(
    () => new Map(records.elements.map((element) => [element.id, element])),
    [records.elements],
  );
  const flowIds = useMemo(() => new Set(records.flows.map((item) => item.id)), [records.flows]);
  return { elementsById, flowIds };
}
