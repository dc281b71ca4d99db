import {
  ALWAYS,
  allOf,
  anyOf,
  fieldContains,
  fieldEquals,
  fieldNotBlank,
  isNativeCode,
  not,
} from "@/lib/stride/rule-builders";
import type { ConditionSubject, RuleCondition, RuleElementKind } from "@/lib/stride/rule-types";
import type { FilterComparison } from "./tb7-filter";

/*
 * How the comparisons of Microsoft Threat Modeling Tool filters map to our conditions.
 * - Generic element types map to kinds: GE.P process, GE.EI external entity, GE.DS data store,
 *   GE.TB.L / GE.TB.B trust boundary; `flow is 'GE.DF'` always holds.
 * - `flow crosses 'GE.TB.L'` / `'GE.TB.B'` is a crossing of a line / box boundary.
 * - Flow stencils HTTP, HTTPS and IPsec map to the flow's protocol.
 * - Element properties map to our context fields where one exists (see PROPERTY_MAPPINGS).
 * Everything else (stencil types such as 'SE.P.TMCore.WebServer' or 'ROOT', boundary stencils,
 * properties we do not record, values we cannot translate) becomes an "unknown" condition,
 * which is always false: a rule that needs it never fires, and `not` of it always holds.
 */

const ELEMENT_TYPES: Record<string, RuleElementKind> = {
  "GE.P": "process",
  "GE.EI": "external-entity",
  "GE.DS": "data-store",
  "GE.DF": "data-flow",
  "GE.TB.L": "trust-boundary",
  "GE.TB.B": "trust-boundary",
};

const FLOW_PROTOCOLS: Record<string, string> = {
  "SE.DF.TMCore.HTTP": "HTTP",
  "SE.DF.TMCore.HTTPS": "HTTPS",
  "SE.DF.TMCore.IPsec": "IPsec",
};

/** The id of the "Forgery Protection" property of Microsoft's generic data flow. */
const FORGERY_PROTECTION = "54851a3b-65da-4902-b4e0-94ef015be735";

type ValueMapper = (subject: ConditionSubject, value: string) => RuleCondition | null;

/** Yes / No / Not Selected to true / false / null (not answered). */
function answer(property: string): ValueMapper {
  return (subject, value) => {
    if (value === "Yes") return fieldEquals(subject, property, true);
    if (value === "No") return fieldEquals(subject, property, false);
    if (value === "Not Selected") return fieldEquals(subject, property, null);
    return null;
  };
}

/** Yes = our text field is filled in; No or Not Selected = it is blank. */
function filledIn(property: string): ValueMapper {
  return (subject, value) => {
    if (value === "Yes") return fieldNotBlank(subject, property);
    if (value === "No" || value === "Not Selected") return not(fieldNotBlank(subject, property));
    return null;
  };
}

/** Yes = the condition holds, No = it does not. */
function yesNo(build: (subject: ConditionSubject) => RuleCondition): ValueMapper {
  return (subject, value) => {
    if (value === "Yes") return build(subject);
    if (value === "No") return not(build(subject));
    return null;
  };
}

/** One value per answer; an unlisted value is unknown. */
function oneOf(property: string, values: Record<string, string | null>): ValueMapper {
  return (subject, value) =>
    Object.hasOwn(values, value) ? fieldEquals(subject, property, values[value] ?? null) : null;
}

const carriesXml = (subject: ConditionSubject) =>
  anyOf(
    fieldContains(subject, "dataCarried", "xml", "soap"),
    fieldContains(subject, "protocol", "xml", "soap"),
  );

/** Microsoft property name -> how its values map to our fields. */
const PROPERTY_MAPPINGS: Record<string, ValueMapper> = {
  // Data flow
  authenticatesSource: answer("authenticated"),
  authenticatesDestination: answer("authenticated"),
  providesConfidentiality: answer("encrypted"),
  providesIntegrity: answer("encrypted"),
  XMLenc: yesNo(carriesXml),
  SOAP: yesNo(carriesXml),
  JSON: yesNo((subject) => fieldContains(subject, "dataCarried", "json")),
  [FORGERY_PROTECTION]: (subject, value) => {
    if (value === "None") return fieldEquals(subject, "forgeryProtection", false);
    if (value === "Not Selected") return fieldEquals(subject, "forgeryProtection", null);
    if (value.startsWith("Not applicable")) return null;
    return fieldEquals(subject, "forgeryProtection", true);
  },
  // Process
  implementsAuthenticationScheme: filledIn("authentication"),
  implementsCustomAuthorizationMechanism: filledIn("authorization"),
  hasInputSanitizers: filledIn("inputValidation"),
  codeType: (subject, value) => (value === "Unmanaged" ? isNativeCode(subject) : null),
  Isolation: (subject, value) =>
    value === "Not Selected"
      ? fieldEquals(subject, "sandboxed", null)
      : fieldEquals(subject, "sandboxed", true),
  runningAs: oneOf("permissionLevel", {
    "Not Selected": null,
    Kernel: "kernel",
    System: "administrator",
    Administrator: "administrator",
  }),
  acceptsInputFrom: oneOf("acceptsInputFrom", {
    "Not Selected": null,
    "Any Remote User or Entity": "everyone",
    "Kernel, System, or Local Admin": "administrators",
  }),
  // External interactor
  authenticatesItself: filledIn("authentication"),
  type: (subject, value) => {
    if (value === "Human") return fieldEquals(subject, "entityType", "human");
    if (value === "Not Selected") return fieldEquals(subject, "entityType", null);
    if (value !== "Code") return null;
    return anyOf(
      fieldEquals(subject, "entityType", "service-provider"),
      fieldEquals(subject, "entityType", "web-service"),
    );
  },
  // Data store
  storesLogData: answer("holdsLogs"),
  storesCredentials: answer("holdsCredentials"),
  Encrypted: answer("encrypted"),
  Signed: answer("signed"),
  Backup: answer("holdsBackups"),
  shared: answer("sharesData"),
  storeType: (subject, value) => {
    if (value === "SQL Relational Database") {
      return allOf(
        fieldContains(subject, "storeType", "sql"),
        not(fieldContains(subject, "storeType", "nosql")),
      );
    }
    if (value === "Non Relational Database") {
      return fieldContains(subject, "storeType", "nosql", "non relational", "non-relational");
    }
    if (value === "File System") return fieldContains(subject, "storeType", "file");
    return value.trim() === "" ? null : fieldContains(subject, "storeType", value);
  },
};

function isSubject(value: string): value is "source" | "target" | "flow" {
  return value === "source" || value === "target" || value === "flow";
}

function mapType(subject: "source" | "target" | "flow", value: string): RuleCondition | null {
  const kind = Object.hasOwn(ELEMENT_TYPES, value) ? ELEMENT_TYPES[value] : undefined;
  if (kind !== undefined) {
    return subject === "flow"
      ? kind === "data-flow"
        ? ALWAYS
        : null
      : { op: "kind-is", subject, kind };
  }
  const protocol = Object.hasOwn(FLOW_PROTOCOLS, value) ? FLOW_PROTOCOLS[value] : undefined;
  return subject === "flow" && protocol !== undefined
    ? fieldEquals("flow", "protocol", protocol)
    : null;
}

/** Maps one comparison of a Microsoft filter to our condition, or to an "unknown" one. */
export function mapTmtComparison(comparison: FilterComparison): RuleCondition {
  const { operator, subject, property, value, text } = comparison;
  let mapped: RuleCondition | null = null;
  if (isSubject(subject)) {
    if (operator === "crosses") {
      if (subject === "flow" && property === null && value === "GE.TB.L") {
        mapped = { op: "crosses-boundary", shape: "line" };
      } else if (subject === "flow" && property === null && value === "GE.TB.B") {
        mapped = { op: "crosses-boundary", shape: "box" };
      }
    } else if (property === null) {
      mapped = mapType(subject, value);
    } else if (Object.hasOwn(PROPERTY_MAPPINGS, property)) {
      mapped = PROPERTY_MAPPINGS[property]?.(subject, value) ?? null;
    }
  }
  return mapped ?? { op: "unknown", text: text.slice(0, 500) };
}
