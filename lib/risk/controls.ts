import type { ControlFunction, ControlType, StrideCategory } from "../model";

/*
 * Choosing controls: each control has a type (what it is made of) and a function (what it does
 * about an attack), and each STRIDE category threatens one security property that controls
 * restore. Recommendations put controls that cover several categories first (TLS protects
 * against spoofing, tampering and disclosure at once).
 */

export const CONTROL_TYPE_DESCRIPTIONS: Record<ControlType, string> = {
  physical: "Stops or spots people in the physical world: gates, badges, cameras, lighting.",
  technical: "Protects systems through software and hardware: firewalls, encryption, ACLs.",
  administrative: "Policies and processes people follow: data classification, audits, rules.",
};

/** The question that tells whether a control has each function. */
export const CONTROL_FUNCTION_QUESTIONS: Record<ControlFunction, string> = {
  preventive: "Does it make the attack less likely to succeed, or less harmful?",
  detective: "Does it tell us that an attack is happening?",
  corrective: "Does it shape how we respond to an attack under way?",
  recovery: "Does it help the service get back to normal after an attack?",
  deterrent: "Does it discourage attackers from trying?",
};

/** Examples of each function x type, for the control picker. */
export const CONTROL_EXAMPLES: Record<ControlFunction, Record<ControlType, string>> = {
  preventive: { physical: "Locks", technical: "Firewalls", administrative: "Data classification" },
  detective: { physical: "Surveillance", technical: "Honeypots", administrative: "Audit logs" },
  corrective: {
    physical: "Physical repair",
    technical: "System patches",
    administrative: "Incident response plans",
  },
  recovery: {
    physical: "Hot sites",
    technical: "System backups",
    administrative: "Disaster recovery plan",
  },
  deterrent: {
    physical: "Fences",
    technical: "Least privilege",
    administrative: "Authorized use policy",
  },
};

/** The security property each STRIDE category attacks, which its controls restore. */
export const STRIDE_PROPERTIES: Record<StrideCategory, { property: string; meaning: string }> = {
  spoofing: { property: "Authentication", meaning: "Users and systems are who they claim to be." },
  tampering: { property: "Integrity", meaning: "Data and code change only when allowed to." },
  repudiation: { property: "Non-repudiation", meaning: "Every action is tied to who did it." },
  "information-disclosure": {
    property: "Confidentiality",
    meaning: "Data is seen only by those meant to see it.",
  },
  "denial-of-service": {
    property: "Availability",
    meaning: "The system serves every request it should.",
  },
  "elevation-of-privilege": {
    property: "Authorization",
    meaning: "Each request is allowed only what its sender may do.",
  },
};

/** A control the product can suggest for a threat. */
export interface RecommendedControl {
  id: string;
  name: string;
  description: string;
  /** The STRIDE categories it helps against. */
  categories: readonly StrideCategory[];
  type: ControlType;
  function: ControlFunction;
}

/** The catalogue of suggested controls. Ids are stable. */
export const RECOMMENDED_CONTROLS: readonly RecommendedControl[] = [
  {
    id: "access-control-lists",
    name: "Access control lists",
    description:
      "Grant each identity only the reads, writes and calls it needs, and deny the rest.",
    categories: [
      "tampering",
      "information-disclosure",
      "denial-of-service",
      "elevation-of-privilege",
    ],
    type: "technical",
    function: "preventive",
  },
  {
    id: "tls",
    name: "Authenticated, encrypted channels (TLS)",
    description: "Encrypt data in transit and let each end verify the other's certificate.",
    categories: ["spoofing", "tampering", "information-disclosure"],
    type: "technical",
    function: "preventive",
  },
  {
    id: "digital-signatures",
    name: "Digital signatures",
    description:
      "Sign messages, files or records so anyone can check who made them and that they are unchanged.",
    categories: ["spoofing", "tampering", "repudiation"],
    type: "technical",
    function: "preventive",
  },
  {
    id: "strong-authentication",
    name: "Strong authentication",
    description:
      "Use a standard protocol (OIDC, Kerberos, mutual TLS) and multi-factor sign-in for people.",
    categories: ["spoofing", "repudiation"],
    type: "technical",
    function: "preventive",
  },
  {
    id: "message-authentication-codes",
    name: "Message authentication codes",
    description:
      "Attach a keyed hash to each message so the receiver detects forged or altered ones.",
    categories: ["spoofing", "tampering"],
    type: "technical",
    function: "preventive",
  },
  {
    id: "input-validation",
    name: "Input validation",
    description:
      "Check every input against what is allowed (type, length, format, range) where it arrives.",
    categories: ["tampering", "elevation-of-privilege"],
    type: "technical",
    function: "preventive",
  },
  {
    id: "backups",
    name: "Backups and restore drills",
    description: "Keep copies out of an attacker's reach and practise restoring them.",
    categories: ["tampering", "denial-of-service"],
    type: "technical",
    function: "recovery",
  },
  {
    id: "security-logging",
    name: "Protected security logs",
    description:
      "Record who did what and when, in append-only storage that the actors cannot edit.",
    categories: ["repudiation"],
    type: "technical",
    function: "detective",
  },
  {
    id: "secure-timestamps",
    name: "Trusted timestamps",
    description: "Stamp records with time from a trusted source so their order cannot be disputed.",
    categories: ["repudiation"],
    type: "technical",
    function: "detective",
  },
  {
    id: "encryption-at-rest",
    name: "Encryption at rest",
    description: "Encrypt stored data and backups, with keys kept apart from the data.",
    categories: ["information-disclosure"],
    type: "technical",
    function: "preventive",
  },
  {
    id: "data-classification",
    name: "Data classification",
    description: "Label data by sensitivity so that handling rules follow it everywhere.",
    categories: ["information-disclosure"],
    type: "administrative",
    function: "preventive",
  },
  {
    id: "rate-limits-and-quotas",
    name: "Rate limits and quotas",
    description: "Cap requests, sizes and resources per client so no one can exhaust them.",
    categories: ["denial-of-service"],
    type: "technical",
    function: "preventive",
  },
  {
    id: "elastic-capacity",
    name: "Redundancy and elastic capacity",
    description:
      "Run spare instances and scale out under load, so one failure or surge does not stop service.",
    categories: ["denial-of-service"],
    type: "technical",
    function: "preventive",
  },
  {
    id: "least-privilege",
    name: "Least privilege",
    description: "Run each process and account with the fewest permissions that let it work.",
    categories: ["elevation-of-privilege"],
    type: "technical",
    function: "deterrent",
  },
  {
    id: "role-based-access-control",
    name: "Role-based access control",
    description:
      "Decide each request from the caller's roles, checked on the server for every action.",
    categories: ["elevation-of-privilege"],
    type: "technical",
    function: "preventive",
  },
];

/**
 * The controls that help against a STRIDE category, those covering the most categories first,
 * then in catalogue order.
 */
export function recommendControls(category: StrideCategory): RecommendedControl[] {
  return RECOMMENDED_CONTROLS.map((control, index) => ({ control, index }))
    .filter(({ control }) => control.categories.includes(category))
    .sort((a, b) => b.control.categories.length - a.control.categories.length || a.index - b.index)
    .map(({ control }) => control);
}
