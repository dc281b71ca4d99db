import type { StrideCategory } from "@/lib/model/threats";

/**
 * What the facilitator's screen asks the group on each item and category: the question that
 * opens the discussion, what to look at on this kind of element, and a few attacks to get the
 * group started. Written for this product; the method behind it is STRIDE as described by
 * Microsoft's threat-modeling guidance.
 */

export type PromptTarget = "external-entity" | "process" | "data-store" | "flow";

export interface CategoryPrompt {
  /** The question the group answers. */
  question: string;
  /** The property the category attacks, and the kind of control that defends it. */
  property: string;
  /** Example attacks, specific to the kind of element. */
  examples: string[];
}

const QUESTIONS: Record<StrideCategory, { question: string; property: string }> = {
  spoofing: {
    question: "Could someone or something pretend to be this, or pretend to be who talks to it?",
    property: "Authenticity: defended by authentication of both sides.",
  },
  tampering: {
    question: "Could anyone change what this holds, runs or carries without being allowed to?",
    property: "Integrity: defended by signatures, MACs, input validation and access control.",
  },
  repudiation: {
    question: "If something goes wrong here, can we prove who did it and when?",
    property: "Non-repudiation: defended by trustworthy, protected logs tied to identities.",
  },
  "information-disclosure": {
    question: "Could someone read what they should not, here, on the wire or at rest?",
    property: "Confidentiality: defended by encryption and access control.",
  },
  "denial-of-service": {
    question:
      "What runs out first if someone pushes on this: CPU, memory, disk, connections, money?",
    property: "Availability: defended by quotas, rate limits, filtering and redundancy.",
  },
  "elevation-of-privilege": {
    question: "Could someone do more here than their role allows?",
    property: "Authorization: defended by least privilege and checks on every action.",
  },
};

const EXAMPLES: Record<PromptTarget, Partial<Record<StrideCategory, string[]>>> = {
  "external-entity": {
    spoofing: [
      "A phishing page collects a user's password and signs in as them.",
      "A partner's webhook is called by anyone who guesses its address.",
    ],
    repudiation: [
      "A customer denies placing an order and there is no signed record of it.",
      "An administrator's change is logged under a shared account.",
    ],
  },
  process: {
    spoofing: [
      "A stolen session cookie is replayed from another browser.",
      "A service accepts calls from any internal host without checking who calls.",
    ],
    tampering: [
      "Unvalidated input changes a database query (SQL injection).",
      "A dependency update ships code nobody reviewed.",
    ],
    repudiation: [
      "Sensitive actions are not logged, or the log can be edited by the same process.",
    ],
    "information-disclosure": [
      "Error pages show stack traces and connection strings.",
      "Memory or temporary files keep secrets after use.",
    ],
    "denial-of-service": [
      "One expensive request per second keeps every worker busy.",
      "An upload without a size limit fills the disk.",
    ],
    "elevation-of-privilege": [
      "Changing an id in the URL shows another customer's data.",
      "The process runs as root, so any code execution owns the host.",
    ],
  },
  "data-store": {
    tampering: [
      "Backups can be overwritten by the application's own account.",
      "A shared folder lets any service replace configuration files.",
    ],
    repudiation: ["Audit records can be deleted by the people whose actions they record."],
    "information-disclosure": [
      "A snapshot of the database is readable by every operator.",
      "Passwords are stored with a fast, unsalted hash.",
    ],
    "denial-of-service": [
      "A single tenant's data growth fills the shared volume.",
      "Long-running queries lock the tables everyone needs.",
    ],
  },
  flow: {
    spoofing: ["A client talks to whoever answers at the address: no certificate check."],
    tampering: [
      "Traffic inside the network is plain HTTP and can be altered on the way.",
      "Messages on the queue carry no signature, so anyone who can publish can forge them.",
    ],
    repudiation: ["The receiver cannot show which sender a message came from."],
    "information-disclosure": [
      "Tokens travel in URLs and end up in proxy logs.",
      "TLS is terminated early and the last hop is unencrypted.",
    ],
    "denial-of-service": ["A slow client holds connections open until the pool is exhausted."],
    "elevation-of-privilege": ["The receiving side trusts a role claim the sender sets itself."],
  },
};

/** The prompt for a category on a kind of element or on a flow. */
export function getCategoryPrompt(target: PromptTarget, category: StrideCategory): CategoryPrompt {
  return { ...QUESTIONS[category], examples: EXAMPLES[target][category] ?? [] };
}

/**
 * The Verify phase's checklist: whether what was decided is done and checked, and how often
 * the model must be looked at again.
 */
export const VERIFICATION_QUESTIONS = [
  {
    id: "requirements",
    text: "Is every security requirement decided in this model met by the design and the code?",
  },
  {
    id: "defaults",
    text: "Have the defaults of the platforms and services we use been changed where the model says so?",
  },
  {
    id: "threats-resolved",
    text: "Does every threat have a response, and is every mitigation done or tracked as work?",
  },
  {
    id: "verified",
    text: "Has each fix been checked: a test, a scan, a code review or a penetration test?",
  },
  { id: "external", text: "Is the system used by people or systems outside the organisation?" },
  { id: "confidential", text: "Does it handle confidential or personal data?" },
  { id: "regulated", text: "Does a regulation or certification apply to it?" },
  {
    id: "extra-processes",
    text: "Does the organisation require further reviews (privacy, operational risk)?",
  },
] as const;
export type VerificationQuestionId = (typeof VERIFICATION_QUESTIONS)[number]["id"];

/** The cadence questions: a yes to any calls for reviewing more often than once a year. */
const CADENCE_QUESTIONS: ReadonlySet<VerificationQuestionId> = new Set([
  "external",
  "confidential",
  "regulated",
  "extra-processes",
]);

/** How often to verify again, from the answers: every 6 months with any yes, else 12. */
export function getReviewCadenceMonths(
  answers: Partial<Record<VerificationQuestionId, "yes" | "no" | "not-applicable">>,
): 6 | 12 {
  return [...CADENCE_QUESTIONS].some((id) => answers[id] === "yes") ? 6 : 12;
}
