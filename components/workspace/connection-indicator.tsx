import { cx } from "@/components/ui/class-names";
import type { ConnectionStatus } from "./collab-session";

export interface ConnectionIndicatorProps {
  status: ConnectionStatus;
  /** Connected but the document has not synced yet. */
  isSynced: boolean;
  hasUnsyncedChanges: boolean;
}

const STATUS_STYLES: Record<ConnectionStatus, { dot: string; text: string }> = {
  connecting: { dot: "bg-slate-400 animate-pulse", text: "text-slate-700" },
  connected: { dot: "bg-emerald-500", text: "text-slate-700" },
  reconnecting: { dot: "bg-amber-500 animate-pulse", text: "text-amber-900" },
  offline: { dot: "bg-slate-500", text: "text-slate-800" },
  closed: { dot: "bg-red-600", text: "text-red-800" },
};

/** The connection state in words (never colour alone); what screen readers hear as it changes. */
export function getConnectionLabel({
  status,
  isSynced,
  hasUnsyncedChanges,
}: ConnectionIndicatorProps): string {
  switch (status) {
    case "connecting":
      return "Connecting…";
    case "connected":
      if (!isSynced) return "Loading…";
      return hasUnsyncedChanges ? "Saving…" : "Connected";
    case "reconnecting":
      return hasUnsyncedChanges ? "Reconnecting… (unsaved changes)" : "Reconnecting…";
    case "offline":
      return hasUnsyncedChanges ? "Offline (unsaved changes)" : "Offline";
    case "closed":
      return "Disconnected";
  }
}

/** A dot and a word for the realtime connection, as a polite `role="status"` live region. */
export function ConnectionIndicator(props: ConnectionIndicatorProps) {
  const style = STATUS_STYLES[props.status];
  return (
    <div
      role="status"
      aria-label="Connection status"
      data-status={props.status}
      className={cx(
        "inline-flex items-center gap-2 rounded-full bg-white px-3 py-1 text-xs font-medium ring-1 ring-slate-200",
        style.text,
      )}
    >
      <span aria-hidden="true" className={cx("size-2 rounded-full", style.dot)} />
      {getConnectionLabel(props)}
    </div>
  );
}
