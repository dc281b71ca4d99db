"use client";

import { useMemo, useState } from "react";
import { measureWork, OPEN_MEASURES } from "@/lib/perf/open-timing";
import type { RenameTarget } from "./canvas-context";
import { CanvasGraphBuilder, type DiffHighlight } from "./canvas-graph";
import type { ElementGeometry } from "./diagram-mapping";
import { collectRemoteDrags, indexRemoteSelections, type RemoteCanvasPeer } from "./live-canvas";
import type { DiagramRecords } from "./use-diagram-records";

/**
 * The nodes and edges React Flow draws: the records with this person's selection, rename and
 * drags, and the other people's selections and drags (this person's drags win).
 */
export function useCanvasGraph(input: {
  records: DiagramRecords;
  selectedIds: ReadonlySet<string>;
  editing: RenameTarget | null;
  localDrags: ReadonlyMap<string, ElementGeometry>;
  peers: readonly RemoteCanvasPeer[];
  isReadOnly: boolean;
  threatCounts: ReadonlyMap<string, number> | undefined;
  highlights?: ReadonlyMap<string, DiffHighlight> | undefined;
}) {
  const { records, selectedIds, editing, localDrags, peers, isReadOnly, threatCounts, highlights } =
    input;
  const remoteSelections = useMemo(() => indexRemoteSelections(peers), [peers]);
  const liveGeometries = useMemo(() => {
    const remote = collectRemoteDrags(peers);
    if (remote.size === 0) return localDrags;
    for (const [id, geometry] of localDrags) remote.set(id, geometry);
    return remote;
  }, [peers, localDrags]);

  const [builder] = useState(() => new CanvasGraphBuilder());
  return useMemo(
    () =>
      measureWork(OPEN_MEASURES.canvasGraph, () =>
        builder.build({
          records,
          selectedIds,
          editing,
          liveGeometries,
          remoteSelections,
          isReadOnly,
          threatCounts,
          highlights,
        }),
      ),
    [
      builder,
      records,
      selectedIds,
      editing,
      liveGeometries,
      remoteSelections,
      isReadOnly,
      threatCounts,
      highlights,
    ],
  );
}
