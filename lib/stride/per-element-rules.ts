import { elementRule, fieldEquals } from "./rule-builders";
import type { RuleSet } from "./rule-types";

/*
 * STRIDE per element (the method's table): external entity S, R; process S, T, R, I, D, E;
 * data store T, I, D, and R only when it holds logs or audit data; data flow T, I, D.
 * One threat per element and category, for the facilitator's walk through the diagram.
 */

/** The STRIDE-per-element rule set. Rule ids are stable: generated threats refer to them. */
export const STRIDE_PER_ELEMENT_RULE_SET: RuleSet = {
  id: "stride-per-element",
  name: "STRIDE per element",
  description:
    "One threat for each STRIDE category that applies to each kind of element: external " +
    "entities, processes, data stores and data flows.",
  rules: [
    elementRule({
      id: "spoof-external-entity",
      category: "spoofing",
      elementKinds: ["external-entity"],
      title: "{element.name} could be impersonated",
      description:
        "Someone could pretend to be {element.name} and act in its name. How does the system " +
        "know it is really dealing with {element.name}: which credentials does it present, how " +
        "are they checked, and what happens if they leak?",
    }),
    elementRule({
      id: "repudiate-external-entity",
      category: "repudiation",
      elementKinds: ["external-entity"],
      title: "{element.name} could deny what it did",
      description:
        "{element.name} could claim it never sent a request or never received a response. Is " +
        "each of its actions tied to its identity and recorded where it cannot alter or erase " +
        "the record?",
    }),
    elementRule({
      id: "spoof-process",
      category: "spoofing",
      elementKinds: ["process"],
      title: "{element.name} could be impersonated",
      description:
        "Another program could pose as {element.name}, to its callers or to the services it " +
        "calls. How does each side prove it talks to the genuine process (mutual " +
        "authentication, signed binaries, service identities)?",
    }),
    elementRule({
      id: "tamper-process",
      category: "tampering",
      elementKinds: ["process"],
      title: "{element.name} could be tampered with",
      description:
        "An attacker could change the code, configuration or memory of {element.name}, or feed " +
        "it input that changes its behaviour. What protects its binaries, configuration and " +
        "running state, and how does it check what it receives?",
    }),
    elementRule({
      id: "repudiate-process",
      category: "repudiation",
      elementKinds: ["process"],
      title: "Actions of {element.name} could not be traced",
      description:
        "If {element.name} acts for users without recording who asked for what and when, " +
        "nobody can show afterwards who did something. What does it log, with which identity " +
        "and time, and who can change those logs?",
    }),
    elementRule({
      id: "disclose-process",
      category: "information-disclosure",
      elementKinds: ["process"],
      title: "{element.name} could leak information",
      description:
        "{element.name} could expose the data it handles through error messages, logs, memory " +
        "dumps, timing or answers that say more than needed. Which sensitive data does it hold, " +
        "and who can observe it?",
    }),
    elementRule({
      id: "deny-process",
      category: "denial-of-service",
      elementKinds: ["process"],
      title: "{element.name} could be made unavailable",
      description:
        "Someone could crash, hang or overload {element.name}: malformed input, floods of " +
        "requests, exhausted memory, disk or connections. Where are its resources limited, and " +
        "how does it recover?",
    }),
    elementRule({
      id: "elevate-process",
      category: "elevation-of-privilege",
      elementKinds: ["process"],
      title: "{element.name} could be used to gain privileges",
      description:
        "A caller could make {element.name} do what the caller may not do: exploit a bug to run " +
        "code, slip past a missing authorization check, or borrow the process's own " +
        "permissions. Which privileges does it run with, and how is each request authorized?",
    }),
    elementRule({
      id: "tamper-data-store",
      category: "tampering",
      elementKinds: ["data-store"],
      title: "Data in {element.name} could be altered",
      description:
        "Someone with access to the storage behind {element.name}, or a flaw in a process that " +
        "writes to it, could change or corrupt its data. Who can write to it, would a change be " +
        "noticed (signatures, checksums), and how is it backed up?",
    }),
    elementRule({
      id: "repudiate-data-store-logs",
      category: "repudiation",
      elementKinds: ["data-store"],
      include: fieldEquals("element", "holdsLogs", true),
      title: "Records in {element.name} could be disputed",
      description:
        "{element.name} holds logs or audit data. If entries can be forged, changed or deleted, " +
        "or do not say who did what and when, they cannot settle a dispute. Who can write and " +
        "delete entries, and how would tampering show?",
    }),
    elementRule({
      id: "disclose-data-store",
      category: "information-disclosure",
      elementKinds: ["data-store"],
      title: "Data in {element.name} could be read by the wrong people",
      description:
        "The data in {element.name} could be read without permission: weak access control, " +
        "unencrypted disks or backups, shared credentials, copies kept elsewhere. Who can read " +
        "it, and is it encrypted at rest?",
    }),
    elementRule({
      id: "deny-data-store",
      category: "denial-of-service",
      elementKinds: ["data-store"],
      title: "{element.name} could become unavailable",
      description:
        "{element.name} could be filled up, locked, deleted or cut off, leaving the processes " +
        "that depend on it unable to work. What about quotas, capacity, replication and " +
        "restoring from backups?",
    }),
    elementRule({
      id: "tamper-data-flow",
      category: "tampering",
      elementKinds: ["data-flow"],
      title: "Data on {element.name} could be changed in transit",
      description:
        "Someone on the path of {element.name} could change, replay or inject messages between " +
        "its two ends. Is the flow protected against modification (TLS, signed messages) from " +
        "end to end?",
    }),
    elementRule({
      id: "disclose-data-flow",
      category: "information-disclosure",
      elementKinds: ["data-flow"],
      title: "Data on {element.name} could be intercepted",
      description:
        "Someone able to observe the path of {element.name} could read what it carries. Is it " +
        "encrypted from end to end, and does its metadata (who talks to whom, how much, when) " +
        "give anything away?",
    }),
    elementRule({
      id: "deny-data-flow",
      category: "denial-of-service",
      elementKinds: ["data-flow"],
      title: "{element.name} could be interrupted",
      description:
        "{element.name} could be blocked, slowed down or flooded so that its data no longer " +
        "gets through. What depends on it, and what happens when it stops?",
    }),
  ],
};
