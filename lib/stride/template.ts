import { ELEMENT_KIND_LABELS } from "../model";
import type { ConditionSubject, RuleElementKind } from "./rule-types";
import type { RuleSubject } from "./subjects";

/*
 * Title and description templates: `{source.name}`, `{target.name}`, `{flow.name}`,
 * `{element.name}` or any other field of those subjects, e.g. `{flow.protocol}`.
 */

/** The subjects a template is rendered with; an absent one leaves its placeholders as typed. */
export type TemplateSubjects = Partial<Record<ConditionSubject, RuleSubject>>;

/** A template split once into literal text and placeholders, ready to render many times. */
export type CompiledTemplate = (subjects: TemplateSubjects) => string;

const PLACEHOLDER = /\{(source|target|flow|element)\.([A-Za-z][A-Za-z0-9_]*)\}/g;

function isSubjectName(value: string | undefined): value is ConditionSubject {
  return value === "source" || value === "target" || value === "flow" || value === "element";
}

/** "data flow", "process", ...: how an unnamed subject is called in a title. */
function describeKind(kind: RuleElementKind): string {
  return kind === "data-flow" ? "data flow" : ELEMENT_KIND_LABELS[kind].toLowerCase();
}

function renderValue(subject: RuleSubject, property: string): string | null {
  const value = Object.hasOwn(subject.fields, property) ? subject.fields[property] : undefined;
  if (property === "name" && (typeof value !== "string" || value.trim() === "")) {
    return `unnamed ${describeKind(subject.kind)}`;
  }
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/**
 * Compiles a template. A blank name renders as "unnamed <kind>"; a placeholder whose subject or
 * field is missing stays as typed, so a mistake in a rule shows in its threats.
 */
export function compileTemplate(template: string): CompiledTemplate {
  const parts: ({ text: string } | { subject: ConditionSubject; property: string; raw: string })[] =
    [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [raw, subject, property] = match;
    if (!isSubjectName(subject) || property === undefined) continue;
    parts.push({ text: template.slice(last, match.index) });
    parts.push({ subject, property, raw });
    last = match.index + raw.length;
  }
  parts.push({ text: template.slice(last) });
  return (subjects) => {
    let out = "";
    for (const part of parts) {
      if ("text" in part) {
        out += part.text;
        continue;
      }
      const subject = subjects[part.subject];
      out += (subject === undefined ? null : renderValue(subject, part.property)) ?? part.raw;
    }
    return out;
  };
}
