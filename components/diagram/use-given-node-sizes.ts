"use client";

import { useState } from "react";
import { useStoreApi, type InternalNode, type ReactFlowState } from "@xyflow/react";

/** React Flow's store action that measures nodes (its ResizeObserver calls it). */
type UpdateNodeInternals = ReactFlowState["updateNodeInternals"];

/** What that action is handed for one node. */
type NodeUpdate = Parameters<UpdateNodeInternals>[0] extends Map<string, infer U> ? U : never;

/** Marks a store whose `updateNodeInternals` is already wrapped, so it is wrapped once. */
const wrappedStores = new WeakSet<object>();

/**
 * Keeps React Flow from measuring again a node drawn at the size it was given.
 *
 * Why: React Flow watches every node it draws with a ResizeObserver, and its callback asks for
 * each node to be measured with `force`: the handles' places are read from the DOM, and a new
 * internal node is stored, even when the node's size is the one it already has. Each node in
 * view, and each of its flows, is then drawn again: on a 500-element diagram, some 50 ms of an
 * open and of every pan that brings nodes into view. The canvas's nodes carry their size as
 * measured and their handles (node-handles.ts), which is all React Flow would learn.
 *
 * What it promises:
 * - A node whose drawn size differs from the one React Flow holds, or whose handles it does not
 *   know, is measured as before (`force` is only dropped; React Flow's own checks decide).
 * - Every other caller of `updateNodeInternals` (useUpdateNodeInternals, a node's type or handle
 *   side changing) passes through unchanged.
 *
 * Call it in a component inside the ReactFlowProvider that renders before the canvas, so the
 * ResizeObserver, which keeps the function it finds when React Flow first draws nodes, gets
 * this one.
 */
export function useGivenNodeSizes(): void {
  const store = useStoreApi();
  useState(() => {
    if (wrappedStores.has(store)) return null;
    wrappedStores.add(store);
    const measure = store.getState().updateNodeInternals;
    const updateNodeInternals: UpdateNodeInternals = (updates, params) => {
      const { nodeLookup } = store.getState();
      measure(
        withoutNeedlessForce(updates, (id) => nodeLookup.get(id)),
        params,
      );
    };
    store.setState({ updateNodeInternals });
    return null;
  });
}

/**
 * The updates with `force` dropped for each node drawn at the size React Flow holds for it and
 * whose handles it knows; the same map when none changes.
 */
export function withoutNeedlessForce(
  updates: Map<string, NodeUpdate>,
  getNode: (id: string) => InternalNode | undefined,
): Map<string, NodeUpdate> {
  let result = updates;
  for (const [id, update] of updates) {
    if (update.force !== true) continue;
    const node = getNode(id);
    if (node === undefined || node.internals.handleBounds === undefined) continue;
    const isGivenSize =
      node.measured.width === update.nodeElement.offsetWidth &&
      node.measured.height === update.nodeElement.offsetHeight;
    if (!isGivenSize) continue;
    if (result === updates) result = new Map(updates);
    result.set(id, { ...update, force: false });
  }
  return result;
}
