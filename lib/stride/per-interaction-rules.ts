import {
  allOf,
  anyOf,
  crossesBoundary,
  fieldContains,
  fieldEquals,
  fieldNotBlank,
  interactionRule,
  isKind,
  isNativeCode,
  not,
} from "./rule-builders";
import type { RuleSet } from "./rule-types";

/*
 * STRIDE per interaction, in our own words, following the behaviour of Microsoft's Threat
 * Modeling Tool core knowledge base (reference/tmt-core-rules.md): which threats an interaction
 * (source, data flow, target) gets, with and without a trust boundary crossing. Its element
 * properties map to our context fields:
 *   flow authenticates source or destination    -> flow.authenticated
 *   flow provides confidentiality and integrity -> flow.encrypted
 *   flow forgery protection                     -> flow.forgeryProtection
 *   flow is HTTPS / IPsec, carries XML or JSON  -> flow.protocol, flow.dataCarried (text)
 *   process implements authentication           -> process.authentication is filled in
 *   process implements its own authorization    -> process.authorization is filled in
 *   process runs unmanaged code                 -> process.code names native code
 *   external entity authenticates itself        -> externalEntity.authentication is filled in
 *   external entity is code, not a browser      -> externalEntity.entityType is a service
 *   data store holds logs / credentials         -> dataStore.holdsLogs / holdsCredentials
 *   data store is an SQL database               -> dataStore.storeType mentions SQL
 * Any trust boundary counts where Microsoft names a line or box boundary; its rule on crossing
 * a machine boundary uses any boundary here. Not carried over, for want of a field: replay and
 * collision attacks (a process implementing its own protocol), cross-site scripting (web
 * server and web application stencils) and single sign-on weaknesses (authorization provider
 * stencil), plus the six "(v3)" placeholders that never fire.
 *
 * Each rule declares, in `equivalentTo`, the Microsoft threat type it restates ("tmt:<id>", the
 * id an imported template gives it), so a model using both gets one threat naming both rules.
 * Two rules also restate a STRIDE-per-element rule on the data flow itself: "could be sniffed"
 * is "could be intercepted" (disclose-data-flow) and "could be interrupted" is deny-data-flow.
 * Each set still stands alone (a model may use only one of them); used together, the pair
 * yields one threat. Every other pair of built-in rules with one category and one target says
 * something different (for example "could run out of resources" and "could be interrupted").
 */

const P = "process";
const EE = "external-entity";
const DS = "data-store";
const crossing = crossesBoundary();
const flowIsAuthenticated = fieldEquals("flow", "authenticated", true);
const flowIsEncrypted = fieldEquals("flow", "encrypted", true);
const isSqlStore = allOf(
  fieldContains("target", "storeType", "sql"),
  not(fieldContains("target", "storeType", "nosql")),
);

/** The STRIDE-per-interaction rule set. Rule ids are stable: generated threats refer to them. */
export const STRIDE_PER_INTERACTION_RULE_SET: RuleSet = {
  id: "stride-per-interaction",
  name: "STRIDE per interaction",
  description:
    "Threats for each interaction between two elements, depending on their kinds, their " +
    "context and whether the data flow crosses a trust boundary.",
  rules: [
    // Spoofing
    interactionRule({
      id: "spoof-source-process-crossing",
      category: "spoofing",
      equivalentTo: ["tmt:S1"],
      appliesTo: "source",
      title: "The {source.name} process could be impersonated across a trust boundary",
      description:
        "{target.name} receives {flow.name} from {source.name} across a trust boundary. An " +
        "attacker posing as {source.name} could get the access {source.name} has to " +
        "{target.name}. Authenticate the calling process with a standard mechanism (mutual TLS, " +
        "signed tokens, a service identity).",
      include: allOf(isKind("source", P), isKind("target", P, DS), crossing),
      exclude: anyOf(flowIsAuthenticated, fieldNotBlank("source", "authentication")),
    }),
    interactionRule({
      id: "spoof-target-process-crossing",
      category: "spoofing",
      equivalentTo: ["tmt:S2"],
      appliesTo: "target",
      title: "The {target.name} process could be impersonated across a trust boundary",
      description:
        "{source.name} sends {flow.name} across a trust boundary to {target.name}. An attacker " +
        "posing as {target.name} could collect what {source.name} sends, or answer in its " +
        "place. Let {source.name} check whom it talks to (server certificates, mutual " +
        "authentication).",
      include: allOf(isKind("source", P, EE, DS), isKind("target", P), crossing),
      exclude: flowIsAuthenticated,
    }),
    interactionRule({
      id: "spoof-source-external-entity",
      category: "spoofing",
      equivalentTo: ["tmt:S3"],
      appliesTo: "source",
      title: "{source.name} could be impersonated when calling {target.name}",
      description:
        "Anyone could claim to be {source.name} when sending {flow.name} to {target.name}. How " +
        "does {target.name} check who is calling: credentials, multi-factor authentication, " +
        "signed requests?",
      include: allOf(isKind("source", EE), isKind("target", P)),
      exclude: anyOf(fieldNotBlank("source", "authentication"), flowIsAuthenticated),
    }),
    interactionRule({
      id: "spoof-source-data-store",
      category: "spoofing",
      equivalentTo: ["tmt:S7"],
      appliesTo: "source",
      title: "{target.name} could read from an impostor of {source.name}",
      description:
        "{target.name} reads {flow.name} from {source.name}. An attacker could put another " +
        "store or file in its place so that {target.name} reads data of the attacker's choice. " +
        "How does {target.name} find the store and check it is the right one (fixed locations, " +
        "access control, signed data)?",
      include: isKind("source", DS),
    }),
    interactionRule({
      id: "spoof-target-data-store",
      category: "spoofing",
      equivalentTo: ["tmt:S7.1"],
      appliesTo: "target",
      title: "{source.name} could write to an impostor of {target.name}",
      description:
        "{source.name} writes {flow.name} to {target.name}. An attacker could put another store " +
        "in its place and capture or drop that data. How does {source.name} find " +
        "{target.name} and check it is the real one?",
      include: isKind("target", DS),
    }),
    interactionRule({
      id: "spoof-target-external-entity-crossing",
      category: "spoofing",
      equivalentTo: ["tmt:S8"],
      appliesTo: "target",
      title: "{target.name} could be impersonated to {source.name}",
      description:
        "{source.name} sends {flow.name} across a trust boundary to {target.name}. Someone " +
        "posing as {target.name} could receive that data or send back forged answers. Check " +
        "the identity of {target.name} before sending it anything sensitive.",
      include: allOf(isKind("source", P), isKind("target", EE), crossing),
    }),

    // Tampering
    interactionRule({
      id: "tamper-input-validation-crossing",
      category: "tampering",
      equivalentTo: ["tmt:T1"],
      appliesTo: "target",
      title: "{target.name} could receive malicious input across a trust boundary",
      description:
        "{target.name} accepts {flow.name} from {source.name} across a trust boundary. Input " +
        "that is not checked for type, length, format and range can corrupt its state or take " +
        "control of it. Check every input against what is allowed, on arrival.",
      include: allOf(isKind("source", P, EE), isKind("target", P), crossing),
      exclude: flowIsEncrypted,
    }),
    interactionRule({
      id: "tamper-process-memory-native-code",
      category: "tampering",
      equivalentTo: ["tmt:T2"],
      appliesTo: "target",
      title: "{source.name} could corrupt the memory of {target.name}",
      description:
        "{target.name} runs native code and takes input from {source.name}. A memory-safety bug " +
        "(buffer overflow, use after free) could let {source.name} change what {target.name} " +
        "does. Consider fuzzing, compiler hardening and isolating the code that parses input.",
      include: allOf(isKind("source", P), isKind("target", P), isNativeCode("target")),
    }),
    interactionRule({
      id: "tamper-log-data",
      category: "tampering",
      equivalentTo: ["tmt:T5"],
      appliesTo: "flow",
      title: "Log data on {flow.name} could be tampered with",
      description:
        "{flow.name} carries log data between {source.name} and {target.name}. Entries could " +
        "be forged, altered, or crafted to attack whatever reads them (log injection). Encode " +
        "entries when writing them and treat them as untrusted when reading them.",
      include: anyOf(
        allOf(isKind("source", P), isKind("target", DS), fieldEquals("target", "holdsLogs", true)),
        allOf(isKind("source", DS), fieldEquals("source", "holdsLogs", true), isKind("target", P)),
      ),
    }),
    interactionRule({
      id: "tamper-authenticated-flow",
      category: "tampering",
      equivalentTo: ["tmt:T6"],
      appliesTo: "flow",
      title: "The authenticated flow {flow.name} could be hijacked",
      description:
        "{flow.name} is authenticated but not encrypted. Someone on its path could capture " +
        "credentials or session tokens, replay them, or change messages once authentication is " +
        "done. Protect the whole exchange, not only the sign-in (TLS, signed messages).",
      include: flowIsAuthenticated,
      exclude: flowIsEncrypted,
    }),
    interactionRule({
      id: "tamper-sql-injection-from-process",
      category: "tampering",
      equivalentTo: ["tmt:T7"],
      appliesTo: "target",
      title: "{target.name} could be open to SQL injection from {source.name}",
      description:
        "{source.name} sends {flow.name} to the SQL database {target.name}. Queries built by " +
        "pasting input into SQL text could let an attacker read or change any data in it. Use " +
        "parameterized queries, and give {source.name} only the database rights it needs.",
      include: allOf(isKind("source", P), isKind("target", DS), isSqlStore),
    }),
    interactionRule({
      id: "tamper-sql-injection-from-external-entity",
      category: "tampering",
      equivalentTo: ["tmt:T8"],
      appliesTo: "target",
      title: "{source.name} could inject SQL into {target.name}",
      description:
        "{source.name}, outside the system, writes {flow.name} straight to the SQL database " +
        "{target.name}. Any query built from that input could be turned against the database. " +
        "Put a process in between that validates input and uses parameterized queries.",
      include: allOf(isKind("source", EE), isKind("target", DS), isSqlStore),
    }),
    interactionRule({
      id: "tamper-xml-processing",
      category: "tampering",
      equivalentTo: ["tmt:T11"],
      appliesTo: "target",
      title: "{target.name} could be attacked through the XML it parses",
      description:
        "{flow.name} carries XML to {target.name}. Document type definitions, external " +
        "entities and XSLT can make a parser read local files, call other servers, or blow a " +
        "small document up to gigabytes. Turn off DTDs and external entities and limit size " +
        "and depth.",
      include: allOf(
        isKind("target", P),
        anyOf(
          fieldContains("flow", "dataCarried", "xml", "soap"),
          fieldContains("flow", "protocol", "xml", "soap"),
        ),
      ),
    }),
    interactionRule({
      id: "tamper-json-processing",
      category: "tampering",
      equivalentTo: ["tmt:T12"],
      appliesTo: "target",
      title: "{target.name} could be attacked through the JSON it parses",
      description:
        "{flow.name} carries JSON over HTTP to {target.name}. Deserializing JSON into arbitrary " +
        "types, or evaluating it, can run code of the attacker's choice; huge or deeply nested " +
        "documents can exhaust memory. Parse into fixed schemas and limit size and depth.",
      include: allOf(
        isKind("target", P),
        fieldContains("flow", "protocol", "http"),
        fieldContains("flow", "dataCarried", "json"),
      ),
    }),
    interactionRule({
      id: "tamper-data-store-crossing",
      category: "tampering",
      equivalentTo: ["tmt:T18"],
      appliesTo: "target",
      title: "{target.name} could be corrupted from across a trust boundary",
      description:
        "{source.name} writes {flow.name} to {target.name} from the other side of a trust " +
        "boundary. A compromised or malicious writer could corrupt its data. Check what is " +
        "written, limit who may write, and keep backups to restore from.",
      include: allOf(isKind("source", P, EE), isKind("target", DS), crossing),
    }),

    // Repudiation
    interactionRule({
      id: "repudiate-log-writer-less-trusted",
      category: "repudiation",
      equivalentTo: ["tmt:R1"],
      appliesTo: "target",
      title: "A less trusted writer could alter the logs in {target.name}",
      description:
        "{source.name} writes to the log store {target.name}. If less trusted parts of the " +
        "system can write there too, they can add misleading entries or cover their tracks. " +
        "Separate who writes which logs and make entries append-only.",
      include: allOf(
        isKind("source", P, EE),
        isKind("target", DS),
        fieldEquals("target", "holdsLogs", true),
      ),
    }),
    interactionRule({
      id: "repudiate-log-source-unknown",
      category: "repudiation",
      equivalentTo: ["tmt:R2"],
      appliesTo: "target",
      title: "Entries in {target.name} could come from an unknown source",
      description:
        "{target.name} stores logs written by {source.name}. If an entry does not record and " +
        "verify who wrote it, a forged entry cannot be told from a real one. Authenticate log " +
        "writers and store the writer's identity with each entry.",
      include: allOf(
        isKind("source", P, EE),
        isKind("target", DS),
        fieldEquals("target", "holdsLogs", true),
      ),
    }),
    interactionRule({
      id: "repudiate-insufficient-auditing",
      category: "repudiation",
      equivalentTo: ["tmt:R3"],
      appliesTo: "source",
      title: "{source.name} may not record enough to trace what happened",
      description:
        "{source.name} writes logs to {target.name}. Does it record every security-relevant " +
        "action (sign-ins, permission changes, access to sensitive data) with who, what and " +
        "when, so that an incident can be reconstructed?",
      include: allOf(
        isKind("source", P),
        isKind("target", DS),
        fieldEquals("target", "holdsLogs", true),
      ),
    }),
    interactionRule({
      id: "repudiate-weak-audit-protection",
      category: "repudiation",
      equivalentTo: ["tmt:R4"],
      appliesTo: "target",
      title: "Audit data in {target.name} could be poorly protected",
      description:
        "Whoever can change or delete the audit data in {target.name} can erase evidence. " +
        "Restrict access, keep copies in a separate store, and chain or sign entries so that " +
        "tampering shows.",
      include: allOf(
        isKind("source", P),
        isKind("target", DS),
        fieldEquals("target", "holdsLogs", true),
      ),
    }),
    interactionRule({
      id: "repudiate-target-process-crossing",
      category: "repudiation",
      equivalentTo: ["tmt:R6"],
      appliesTo: "target",
      title: "{target.name} could not prove what it received",
      description:
        "{target.name} receives {flow.name} from across a trust boundary. Without a record of " +
        "who sent what and when, either side could later deny the exchange. Log it with " +
        "authenticated identities and timestamps.",
      include: allOf(isKind("target", P), crossing),
    }),
    interactionRule({
      id: "repudiate-target-external-entity-crossing",
      category: "repudiation",
      equivalentTo: ["tmt:R7"],
      appliesTo: "target",
      title: "{target.name} could deny receiving {flow.name}",
      description:
        "{target.name} receives data from {source.name} across a trust boundary and could " +
        "later claim it never did. Where receipt matters, record acknowledgements or ask for " +
        "signed receipts.",
      include: allOf(isKind("target", EE), crossing),
    }),
    interactionRule({
      id: "repudiate-target-data-store-crossing",
      category: "repudiation",
      equivalentTo: ["tmt:R8"],
      appliesTo: "target",
      title: "Writes to {target.name} could be denied",
      description:
        "{source.name} writes to {target.name} across a trust boundary. Without a record of " +
        "who wrote what and when, a writer could deny a change and nobody could show " +
        "otherwise. Record each write with the writer's identity.",
      include: allOf(isKind("target", DS), crossing),
    }),

    // Information disclosure
    interactionRule({
      id: "disclose-authorization-bypass",
      category: "information-disclosure",
      equivalentTo: ["tmt:I2"],
      appliesTo: "target",
      title: "Authorization checks for {target.name} could be bypassed",
      description:
        "{source.name} applies its own authorization to decide who may see data in " +
        "{target.name}. Custom checks are easy to get wrong or to go around (direct access to " +
        "the store, another code path). Make sure every path to the data enforces the same " +
        "rules.",
      include: allOf(
        isKind("source", P),
        isKind("target", DS),
        fieldNotBlank("source", "authorization"),
      ),
    }),
    interactionRule({
      id: "disclose-sniffing-crossing",
      category: "information-disclosure",
      equivalentTo: ["disclose-data-flow", "tmt:I6"],
      appliesTo: "flow",
      title: "{flow.name} could be sniffed",
      description:
        "{flow.name} crosses a trust boundary without encryption. Anyone able to observe the " +
        "path between {source.name} and {target.name} could read it. Encrypt it in transit.",
      include: anyOf(
        allOf(isKind("source", P, EE), isKind("target", P), crossing),
        allOf(isKind("source", P), isKind("target", DS), crossing),
      ),
      exclude: flowIsEncrypted,
    }),
    interactionRule({
      id: "disclose-weak-access-control",
      category: "information-disclosure",
      equivalentTo: ["tmt:I23"],
      appliesTo: "source",
      title: "{source.name} could be read by those who should not",
      description:
        "{target.name} reads {flow.name} from {source.name}. If access to {source.name} is not " +
        "limited to those who need it, others could read the same data. Check its " +
        "permissions, grant the least access needed, and review them regularly.",
      include: allOf(isKind("source", DS), isKind("target", P, EE)),
    }),
    interactionRule({
      id: "disclose-credential-storage",
      category: "information-disclosure",
      equivalentTo: ["tmt:I24"],
      appliesTo: "target",
      title: "Credentials in {target.name} could be exposed",
      description:
        "{target.name} stores credentials. Kept in clear text, with reversible encryption or " +
        "with fast hashes, a leak of the store hands out working credentials. Hash passwords " +
        "with a slow, salted algorithm and keep secrets in a dedicated vault.",
      include: allOf(
        isKind("source", P),
        isKind("target", DS),
        fieldEquals("target", "holdsCredentials", true),
      ),
    }),
    interactionRule({
      id: "disclose-credentials-in-transit-crossing",
      category: "information-disclosure",
      equivalentTo: ["tmt:I25"],
      appliesTo: "flow",
      title: "Credentials on {flow.name} could be captured in transit",
      description:
        "{source.name} talks to {target.name} across a trust boundary. Credentials sent over a " +
        "weak channel, or with a weak protocol, can be captured and reused. Use a protocol that " +
        "protects them (TLS, IPsec) and avoid sending reusable secrets.",
      include: allOf(isKind("source", P), isKind("target", P, DS), crossing),
      exclude: anyOf(
        flowIsEncrypted,
        fieldEquals("flow", "protocol", "HTTPS"),
        fieldEquals("flow", "protocol", "IPsec"),
      ),
    }),
    interactionRule({
      id: "disclose-weak-authentication-scheme",
      category: "information-disclosure",
      equivalentTo: ["tmt:I26"],
      appliesTo: "source",
      title: "The way {source.name} authenticates could be weak",
      description:
        "{source.name} authenticates to {target.name} with its own scheme. Home-made or dated " +
        "schemes (weak hashes, no nonces, secrets in URLs) can leak credentials or be " +
        "bypassed. Prefer a well-reviewed standard mechanism.",
      include: allOf(
        isKind("source", P),
        isKind("target", P),
        fieldNotBlank("source", "authentication"),
      ),
    }),

    // Denial of service
    interactionRule({
      id: "deny-resource-consumption",
      category: "denial-of-service",
      equivalentTo: ["tmt:D2"],
      appliesTo: "flow",
      title: "{source.name} or {target.name} could run out of resources",
      description:
        "{source.name} writes to {target.name}. Unbounded requests, large writes or leaked " +
        "connections could use up disk, memory or connection pools on either side. Set quotas " +
        "and timeouts, and watch usage.",
      include: allOf(isKind("source", P), isKind("target", DS)),
    }),
    interactionRule({
      id: "deny-target-process-crossing",
      category: "denial-of-service",
      equivalentTo: ["tmt:D3"],
      appliesTo: "target",
      title: "{target.name} could be crashed or stopped from across a trust boundary",
      description:
        "{source.name} sends {flow.name} to {target.name} across a trust boundary. Malformed " +
        "or excessive input could crash or hang {target.name}. Validate input, limit rates and " +
        "sizes, and restart it automatically.",
      include: allOf(isKind("target", P), crossing),
    }),
    interactionRule({
      id: "deny-flow-interrupted-crossing",
      category: "denial-of-service",
      equivalentTo: ["deny-data-flow", "tmt:D4"],
      appliesTo: "flow",
      title: "{flow.name} could be interrupted",
      description:
        "{flow.name} crosses a trust boundary between {source.name} and {target.name}. Someone " +
        "could block, delay or flood it. What depends on it, how is a failure noticed, and is " +
        "there a fallback?",
      include: crossing,
    }),
    interactionRule({
      id: "deny-data-store-crossing",
      category: "denial-of-service",
      equivalentTo: ["tmt:D5"],
      appliesTo: "flow",
      title: "The data store behind {flow.name} could become unreachable",
      description:
        "{flow.name} links {source.name} and {target.name} across a trust boundary. If the " +
        "store cannot be reached (network failure, exhausted connections, deliberate " +
        "blocking), everything that depends on it stops. Plan for replicas, timeouts and " +
        "degrading gracefully.",
      include: allOf(anyOf(isKind("source", DS), isKind("target", DS)), crossing),
    }),

    // Elevation of privilege
    interactionRule({
      id: "elevate-impersonation",
      category: "elevation-of-privilege",
      equivalentTo: ["tmt:E5"],
      appliesTo: "target",
      title: "{source.name} could act with someone else's privileges in {target.name}",
      description:
        "{target.name} acts on requests from {source.name}. If it trusts the identity a caller " +
        "claims, or impersonates callers carelessly, {source.name} could act with another " +
        "identity's privileges. Check the identity behind each request and what it may do.",
      include: allOf(isKind("source", EE, P), isKind("target", P)),
    }),
    interactionRule({
      id: "elevate-remote-code-execution-crossing",
      category: "elevation-of-privilege",
      equivalentTo: ["tmt:E6"],
      appliesTo: "target",
      title: "{source.name} could run code in {target.name}",
      description:
        "{target.name} receives {flow.name} across a trust boundary. A flaw in how it handles " +
        "that input (deserialization, injection, memory corruption) could let {source.name} " +
        "run code with the privileges of {target.name}. Validate input, run with the least " +
        "privilege, and isolate the process.",
      include: allOf(isKind("target", P), crossing),
    }),
    interactionRule({
      id: "elevate-execution-flow-crossing",
      category: "elevation-of-privilege",
      equivalentTo: ["tmt:E7"],
      appliesTo: "target",
      title: "{source.name} could change the execution flow of {target.name}",
      description:
        "Input from {source.name}, across a trust boundary, could steer {target.name} down " +
        "paths it should not take: skipping checks, reaching internal functions, changing " +
        "state out of order. Enforce authorization at each step and keep state changes " +
        "explicit.",
      include: allOf(isKind("target", P), crossing),
    }),
    interactionRule({
      id: "elevate-cross-site-request-forgery-crossing",
      category: "elevation-of-privilege",
      equivalentTo: ["tmt:8404dcf5-bdd8-4902-abc2-3b6c967b0261"],
      appliesTo: "target",
      title: "{target.name} could accept forged requests (CSRF)",
      description:
        "{target.name} accepts {flow.name} from {source.name} across a trust boundary and may " +
        "rely on credentials a browser sends by itself (cookies). Another site could make the " +
        "user's browser send requests the user never meant to. Require an anti-forgery token " +
        "or a same-site check on every request that changes state.",
      include: allOf(
        isKind("source", P, EE),
        isKind("target", P),
        not(fieldEquals("flow", "authenticated", false)),
        not(fieldEquals("flow", "forgeryProtection", true)),
        crossing,
      ),
      exclude: allOf(
        isKind("source", EE),
        anyOf(
          fieldEquals("source", "entityType", "service-provider"),
          fieldEquals("source", "entityType", "web-service"),
        ),
      ),
    }),
  ],
};
