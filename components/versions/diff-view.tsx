import type { DocumentDiffView } from "@/components/api/schemas";
import { cx } from "@/components/ui/class-names";

const KIND_LABELS: Record<string, string> = {
  diagram: "Diagram",
  element: "Element",
  boundary: "Trust boundary",
  flow: "Data flow",
  threat: "Threat",
  mitigation: "Mitigation",
};

const CHANGE_STYLES = {
  added: { label: "Added", className: "bg-emerald-50 text-emerald-900 ring-emerald-200" },
  removed: { label: "Removed", className: "bg-red-50 text-red-900 ring-red-200" },
  changed: { label: "Changed", className: "bg-amber-50 text-amber-900 ring-amber-200" },
} as const;

/** A field's value in a sentence: text as is, nothing as "—", anything else as short JSON. */
function show(value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  if (typeof value === "string") return value.length > 120 ? `${value.slice(0, 117)}…` : value;
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

/** What changed between two states of a model, in the words of the UI. */
export function DiffView({ diff }: { diff: DocumentDiffView }) {
  const isEmpty =
    diff.entities.length === 0 &&
    diff.crossings.length === 0 &&
    diff.context.length === 0 &&
    diff.meta.length === 0 &&
    diff.notes === null;
  if (isEmpty) {
    return <p className="text-sm text-slate-600">Nothing has changed.</p>;
  }
  return (
    <div className="max-h-96 space-y-4 overflow-y-auto pr-1 text-sm">
      <p className="text-slate-700">
        {diff.counts.added} added, {diff.counts.removed} removed, {diff.counts.changed} changed
      </p>
      {diff.crossings.length > 0 ? (
        <div>
          <h4 className="font-medium text-slate-900">Trust-boundary crossings that changed</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {diff.crossings.map((crossing) => (
              <li key={crossing.flowId}>
                <span className="font-medium">{crossing.name || "Unnamed flow"}</span>: crossed{" "}
                {crossing.before.join(", ") || "no boundary"}, now{" "}
                {crossing.after.join(", ") || "no boundary"}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {diff.entities.length > 0 ? (
        <ul aria-label="Changed entities" className="space-y-2">
          {diff.entities.map((entity) => {
            const style = CHANGE_STYLES[entity.change];
            return (
              <li
                key={`${entity.kind}:${entity.id}`}
                className={cx("rounded-md px-3 py-2 ring-1", style.className)}
              >
                <p>
                  <span className="font-medium">{style.label}</span> ·{" "}
                  {KIND_LABELS[entity.kind] ?? entity.kind} “{entity.name || "Untitled"}”
                </p>
                {entity.change === "changed" ? (
                  <ul className="mt-1 space-y-0.5 text-xs">
                    {entity.fields.map((field) => (
                      <li key={field.field}>
                        <span className="font-medium">{field.field}</span>: {show(field.before)} →{" "}
                        {show(field.after)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {diff.context.map((list) => (
        <div key={list.list}>
          <h4 className="font-medium text-slate-900">Context: {list.list}</h4>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {list.added.map((text) => (
              <li key={`+${text}`}>Added: {text}</li>
            ))}
            {list.removed.map((text) => (
              <li key={`-${text}`}>Removed: {text}</li>
            ))}
            {list.changed.map((change) => (
              <li key={`~${change.before}`}>
                Reworded: {change.before} → {change.after}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {diff.meta.length > 0 ? (
        <ul className="list-disc space-y-0.5 pl-5">
          {diff.meta.map((field) => (
            <li key={field.field}>
              Model {field.field}: {show(field.before)} → {show(field.after)}
            </li>
          ))}
        </ul>
      ) : null}
      {diff.notes ? <p>The meeting notes changed.</p> : null}
    </div>
  );
}
