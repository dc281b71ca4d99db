"use client";

import { useStore, ViewportPortal } from "@xyflow/react";
import { memo } from "react";
import type { RemoteCanvasPeer } from "./live-canvas";

const zoomSelector = (state: { transform: [number, number, number] }) => state.transform[2];

/**
 * Everyone else's pointer on this diagram, with their name, in their colour. Drawn in flow
 * coordinates, so a pointer stays on the element it points at whatever each person's zoom;
 * scaled back so it keeps its size on screen.
 */
function RemoteCursorsView({ peers }: { peers: readonly RemoteCanvasPeer[] }) {
  const zoom = useStore(zoomSelector);
  return (
    <ViewportPortal>
      {peers.map((peer) =>
        peer.cursor ? (
          <div
            key={peer.clientId}
            role="img"
            aria-label={`${peer.name}'s pointer`}
            className="pointer-events-none absolute top-0 left-0 z-[1000]"
            style={{
              transform: `translate(${peer.cursor.x}px, ${peer.cursor.y}px) scale(${1 / zoom})`,
              transformOrigin: "0 0",
            }}
          >
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
              <path
                d="M1 1l6 15 2.5-6.5L16 7z"
                fill={peer.color}
                stroke="white"
                strokeWidth="1.2"
              />
            </svg>
            <span
              className="ml-3 rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-white shadow"
              style={{ backgroundColor: peer.color }}
            >
              {peer.name}
            </span>
          </div>
        ) : null,
      )}
    </ViewportPortal>
  );
}

export const RemoteCursors = memo(RemoteCursorsView);
