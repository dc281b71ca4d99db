import type { Mitigation, NewMitigationInput } from "@/lib/model/mitigations";
import { recommendControls, type RecommendedControl } from "@/lib/risk/controls";
import {
  STRIDE_CATEGORIES,
  STRIDE_CATEGORY_CODES,
  STRIDE_CATEGORY_LABELS,
  type StrideCategory,
  type Threat,
} from "@/lib/model/threats";
import type { SelectOption } from "@/components/ui/select";
import { normalizeSearchText } from "./search-text";

/** What controls are recommended for: one threat (by its category) or a whole category. */
export type RecommendationSubject =
  { kind: "threat"; threatId: string } | { kind: "category"; category: StrideCategory };

/** A recommended control and the mitigation that already implements it, if any. */
export interface Recommendation {
  control: RecommendedControl;
  /**
   * A mitigation with the control's name (case and spacing ignored); one linked to the subject
   * threat is preferred. `isLinked` tells whether it is linked to that threat.
   */
  existing: { id: string; title: string; isLinked: boolean } | null;
}

/** The recommendations for a subject, in recommendControls' order (widest coverage first). */
export interface RecommendationSet {
  category: StrideCategory;
  /** The subject threat; null when the subject is a category. */
  threat: Threat | null;
  items: Recommendation[];
}

/** The subject as a select value: "", "category:<category>" or "threat:<id>". */
export function encodeSubject(subject: RecommendationSubject | null): string {
  if (subject === null) return "";
  return subject.kind === "threat" ? `threat:${subject.threatId}` : `category:${subject.category}`;
}

/** The subject of a select value; null for "" or anything unknown. */
export function decodeSubject(value: string): RecommendationSubject | null {
  const [kind, ...rest] = value.split(":");
  const key = rest.join(":");
  if (kind === "threat" && key !== "") return { kind: "threat", threatId: key };
  if (kind === "category") {
    const category = STRIDE_CATEGORIES.find((candidate) => candidate === key);
    if (category) return { kind: "category", category };
  }
  return null;
}

/** Options of the subject picker: a prompt, the six categories, then every threat. */
export function buildSubjectOptions(threats: readonly Threat[]): SelectOption[] {
  return [
    { value: "", label: "Choose a threat or a STRIDE category" },
    ...STRIDE_CATEGORIES.map((category) => ({
      value: encodeSubject({ kind: "category", category }),
      label: `Category: ${STRIDE_CATEGORY_LABELS[category]} (${STRIDE_CATEGORY_CODES[category]})`,
    })),
    ...threats.map((threat) => ({
      value: encodeSubject({ kind: "threat", threatId: threat.id }),
      label: `Threat: ${STRIDE_CATEGORY_CODES[threat.category]} · ${threat.title}`,
    })),
  ];
}

/**
 * The controls recommended for the subject, each with the mitigation that already implements
 * it. Null when the subject is null or names a threat that no longer exists.
 */
export function buildRecommendations(
  subject: RecommendationSubject | null,
  threats: readonly Threat[],
  mitigations: readonly Mitigation[],
): RecommendationSet | null {
  if (subject === null) return null;
  const threat =
    subject.kind === "threat" ? (threats.find((t) => t.id === subject.threatId) ?? null) : null;
  if (subject.kind === "threat" && threat === null) return null;
  const category = threat ? threat.category : subject.kind === "category" ? subject.category : null;
  if (category === null) return null;

  const items = recommendControls(category).map((control) => {
    const name = normalizeSearchText(control.name);
    const sameName = mitigations.filter(
      (mitigation) => normalizeSearchText(mitigation.title) === name,
    );
    const linked = threat
      ? sameName.find((mitigation) => mitigation.threatIds.includes(threat.id))
      : undefined;
    const match = linked ?? sameName[0];
    return {
      control,
      existing: match ? { id: match.id, title: match.title, isLinked: linked !== undefined } : null,
    };
  });
  return { category, threat, items };
}

/** The new mitigation that implements a recommended control, linked to `threatId` if given. */
export function toMitigationInput(
  control: RecommendedControl,
  threatId: string | null,
): NewMitigationInput {
  return {
    title: control.name,
    description: control.description,
    controlType: control.type,
    controlFunction: control.function,
    threatIds: threatId === null ? [] : [threatId],
  };
}
