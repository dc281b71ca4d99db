"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SHORTCUT_HELP } from "./keyboard-shortcuts";

export interface KeyboardHelpProps {
  isOpen: boolean;
  onToggle: (isOpen: boolean) => void;
}

/**
 * The "?" button and the dialog listing the canvas's keyboard shortcuts in a readable table;
 * Escape, the close button or Close closes it and gives the focus back to the button.
 */
export function KeyboardHelp({ isOpen, onToggle }: KeyboardHelpProps) {
  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Keyboard shortcuts"
        aria-haspopup="dialog"
        aria-expanded={isOpen}
        onClick={() => onToggle(!isOpen)}
      >
        <span aria-hidden="true" className="text-base font-semibold">
          ?
        </span>
      </Button>
      {isOpen ? (
        <Dialog
          title="Keyboard shortcuts"
          description="On the canvas, outside text fields."
          onClose={() => onToggle(false)}
          footer={<Button onClick={() => onToggle(false)}>Close</Button>}
        >
          <table className="w-full text-sm">
            <thead className="sr-only">
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">What they do</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {SHORTCUT_HELP.map((shortcut) => (
                <tr key={shortcut.keys}>
                  <td className="py-2 pr-4 align-top whitespace-nowrap">
                    <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800">
                      {shortcut.keys}
                    </kbd>
                  </td>
                  <td className="py-2 text-slate-700">{shortcut.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Dialog>
      ) : null}
    </>
  );
}
