/** One person's minute in a model, as the API sends it (GET /api/models/:id/activity). */
export interface ActivityEntryView {
  minute: string;
  user: { id: string; name: string } | null;
  summary: {
    counts: Record<"added" | "changed" | "removed", Partial<Record<ActivityKindView, number>>>;
    items: {
      kind: ActivityKindView;
      id: string;
      name: string;
      change: "added" | "changed" | "removed";
    }[];
    notes: boolean;
    context: boolean;
    title: boolean;
  };
  events: { action: string; detail: unknown }[];
}

export type ActivityKindView =
  "diagram" | "element" | "boundary" | "flow" | "threat" | "mitigation";

const NOUNS: Record<ActivityKindView, [string, string]> = {
  diagram: ["diagram", "diagrams"],
  element: ["element", "elements"],
  boundary: ["trust boundary", "trust boundaries"],
  flow: ["data flow", "data flows"],
  threat: ["threat", "threats"],
  mitigation: ["mitigation", "mitigations"],
};

const VERBS = { added: "added", changed: "changed", removed: "removed" } as const;

/** What an audit action reads as in the feed; unknown actions are left out. */
const EVENT_TEXT: Record<string, (detail: Record<string, unknown>) => string> = {
  "version.saved": (detail) =>
    typeof detail.label === "string" && detail.label !== ""
      ? `saved the version “${detail.label}”`
      : "saved a version",
  "version.restored": (detail) =>
    typeof detail.label === "string" && detail.label !== ""
      ? `restored the version “${detail.label}”`
      : "restored a version",
  "members.changed": () => "changed who is in the model",
  "model.renamed": () => "renamed the model",
  "model.created": () => "created the model",
};

function joinPhrases(phrases: string[]): string {
  if (phrases.length <= 1) return phrases[0] ?? "";
  return `${phrases.slice(0, -1).join(", ")} and ${phrases.at(-1)}`;
}

/** "3 threats", or "the threat “Spoofed login”" when one named item says more. */
function describeGroup(
  entry: ActivityEntryView,
  change: "added" | "changed" | "removed",
  kind: ActivityKindView,
  count: number,
): string {
  const [singular, plural] = NOUNS[kind];
  if (count === 1) {
    const item = entry.summary.items.find(
      (candidate) => candidate.kind === kind && candidate.change === change,
    );
    if (item && item.name !== "") return `the ${singular} “${item.name}”`;
    return `a ${singular}`;
  }
  return `${count} ${plural}`;
}

/**
 * The sentence of a feed entry, without the person: "added 3 threats, changed the element
 * “Web app” and edited the notes". Empty when nothing readable happened.
 */
export function describeActivity(entry: ActivityEntryView): string {
  const phrases: string[] = [];
  for (const change of ["added", "changed", "removed"] as const) {
    const groups = Object.entries(entry.summary.counts[change]) as [ActivityKindView, number][];
    const parts = groups
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => describeGroup(entry, change, kind, count));
    if (parts.length > 0) phrases.push(`${VERBS[change]} ${joinPhrases(parts)}`);
  }
  if (entry.summary.title) phrases.push("renamed the model");
  if (entry.summary.notes) phrases.push("edited the notes");
  if (entry.summary.context) phrases.push("edited the background context");
  for (const event of entry.events) {
    const text = EVENT_TEXT[event.action];
    const detail =
      typeof event.detail === "object" && event.detail !== null
        ? (event.detail as Record<string, unknown>)
        : {};
    if (text) phrases.push(text(detail));
  }
  return joinPhrases([...new Set(phrases)]);
}
