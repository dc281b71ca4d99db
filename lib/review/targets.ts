import { z } from "zod";

/**
 * What a discussion thread can be about: the model as a whole, or one part of its document
 * (a threat, element, data flow, mitigation, diagram, or a decision recorded in the notes).
 */
export const THREAD_TARGET_KINDS = [
  "model",
  "threat",
  "element",
  "flow",
  "mitigation",
  "diagram",
  "decision",
] as const;
export type ThreadTargetKind = (typeof THREAD_TARGET_KINDS)[number];

/** A thread's target: the kind, and the part's id in the document ("" for the model). */
export const threadTargetSchema = z
  .object({
    kind: z.enum(THREAD_TARGET_KINDS),
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{0,64}$/, "Malformed id")
      .default(""),
  })
  .refine((target) => (target.kind === "model") === (target.id === ""), {
    message: "The model has no id; every other target needs one",
    path: ["id"],
  });
export type ThreadTarget = z.infer<typeof threadTargetSchema>;

/** How a target kind reads in a sentence ("a threat"). */
export const TARGET_KIND_LABELS: Record<ThreadTargetKind, string> = {
  model: "the model",
  threat: "threat",
  element: "element",
  flow: "data flow",
  mitigation: "mitigation",
  diagram: "diagram",
  decision: "decision",
};

/** A stable key for grouping threads by target: "threat:abc", "model:". */
export function targetKey(target: { kind: ThreadTargetKind; id: string }): string {
  return `${target.kind}:${target.id}`;
}

/** A stored target kind, read back: unknown kinds (from a newer server) read as the model. */
export function readTargetKind(kind: string): ThreadTargetKind {
  return (THREAD_TARGET_KINDS as readonly string[]).includes(kind)
    ? (kind as ThreadTargetKind)
    : "model";
}

/**
 * The id of a decision recorded in the meeting notes: decisions have no id of their own, so a
 * thread names one by a hash of its text (whitespace folded, case ignored). Rewording the
 * decision leaves its threads about "a decision no longer in the notes".
 */
export function decisionKey(text: string): string {
  const normalized = text.replace(/\s+/g, " ").trim().toLowerCase();
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ normalized.length;
  for (let i = 0; i < normalized.length; i++) {
    const code = normalized.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
  }
  return `d${a.toString(36)}${b.toString(36)}`;
}
