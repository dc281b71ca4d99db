"use client";

import { useEffect, useRef, type RefObject } from "react";
import { getCanvasCommand, type CanvasCommand } from "./keyboard-shortcuts";
import { isCanvasKeyEvent } from "./keyboard-target";

/**
 * Listens for the canvas's keyboard shortcuts on the window while the editor in `rootRef` is
 * mounted. `runCommand` (the latest one passed) returns whether it applied; the key press is
 * then consumed.
 */
export function useKeyboardCommands(
  rootRef: RefObject<HTMLElement | null>,
  runCommand: (command: CanvasCommand, event: KeyboardEvent) => boolean,
): void {
  const runCommandRef = useRef(runCommand);
  useEffect(() => {
    runCommandRef.current = runCommand;
  });

  useEffect(() => {
    function handleKeyDown(event: KeyboardEvent) {
      if (!isCanvasKeyEvent(event, rootRef.current)) return;
      const command = getCanvasCommand(event);
      if (command && runCommandRef.current(command, event)) event.preventDefault();
    }
    window.addEventListener("keydown", handleKeyDown);
    return () => window.removeEventListener("keydown", handleKeyDown);
  }, [rootRef]);
}
