import { diagramElementSchema, flowSchema } from "../model";
import type { DiagramElement, ElementKind, Flow } from "../model";
import { DEFAULT_RULE_SETS } from "./default-rules";
import { evaluateRules } from "./engine";
import type { RuleModel } from "./engine";
import type { RuleSet } from "./rule-types";

/*
 * The threat-generation benchmark, run by `npm run bench` (figure `threatgen_ms_1000`). Kept in
 * lib/ so the browser and the server measure the same code.
 */

/** Elements per diagram in the generated model; one in ten is a trust boundary. */
const ELEMENTS_PER_DIAGRAM = 100;
const NODE_KINDS: readonly ElementKind[] = ["external-entity", "process", "process", "data-store"];

/** A small deterministic pseudo-random generator (LCG), so every run builds the same model. */
function createRandom(seed: number): (limit: number) => number {
  let state = seed >>> 0;
  return (limit) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % limit;
  };
}

function buildLargeElement(index: number): DiagramElement {
  const diagramId = `diagram-${Math.floor(index / ELEMENTS_PER_DIAGRAM)}`;
  const slot = index % ELEMENTS_PER_DIAGRAM;
  const x = (slot % 10) * 200;
  const y = Math.floor(slot / 10) * 200;
  if (slot % 10 === 9) {
    const isLine = slot % 20 === 9;
    return diagramElementSchema.parse({
      kind: "trust-boundary",
      id: `element-${index}`,
      diagramId,
      name: `Boundary ${index}`,
      description: "",
      outOfScope: false,
      outOfScopeReason: "",
      shape: isLine ? "line" : "box",
      x: isLine ? x - 100 : x - 900,
      y: isLine ? y - 300 : y - 100,
      width: isLine ? 0 : 700,
      height: isLine ? 600 : 500,
    });
  }
  const kind = NODE_KINDS[slot % NODE_KINDS.length] ?? "process";
  return diagramElementSchema.parse({
    kind,
    id: `element-${index}`,
    diagramId,
    name: `Element ${index}`,
    description: "",
    x,
    y,
    width: 120,
    height: 80,
    outOfScope: false,
    outOfScopeReason: "",
    ...(kind === "process"
      ? {
          code: index % 3 === 0 ? "C++" : "TypeScript",
          permissionLevel: null,
          sandboxed: null,
          acceptsInputFrom: null,
          inputValidation: "",
          authentication: index % 5 === 0 ? "mutual TLS" : "",
          authorization: index % 7 === 0 ? "RBAC" : "",
        }
      : {}),
    ...(kind === "external-entity"
      ? { party: null, entityType: null, authentication: "", authorization: "" }
      : {}),
    ...(kind === "data-store"
      ? {
          storeType: index % 2 === 0 ? "PostgreSQL" : "files",
          holdsLogs: index % 3 === 0,
          holdsCredentials: index % 4 === 0,
          holdsSecrets: false,
          holdsBackups: false,
          sharesData: false,
          accessControl: "",
          encrypted: null,
          diskEncrypted: null,
          signed: null,
        }
      : {}),
  });
}

/**
 * A deterministic model of `elementCount` elements (diagrams of 100, one in ten a box or line
 * trust boundary) and `flowCount` data flows between random non-boundary elements of the same
 * diagram, with a mix of protocols, authentication, encryption and bidirectional flows.
 */
export function buildLargeModel(elementCount: number, flowCount: number): RuleModel {
  const elements = Array.from({ length: elementCount }, (_, index) => buildLargeElement(index));
  const nodesByDiagram = new Map<string, string[]>();
  for (const element of elements) {
    if (element.kind === "trust-boundary") continue;
    nodesByDiagram.set(element.diagramId, [
      ...(nodesByDiagram.get(element.diagramId) ?? []),
      element.id,
    ]);
  }
  const diagrams = [...nodesByDiagram.entries()].filter(([, ids]) => ids.length >= 2);
  const random = createRandom(42);
  const flows: Flow[] = [];
  for (let index = 0; index < flowCount && diagrams.length > 0; index += 1) {
    const [diagramId, ids] = diagrams[index % diagrams.length] ?? ["", []];
    const sourceId = ids[random(ids.length)] ?? "";
    let targetId = ids[random(ids.length)] ?? "";
    if (targetId === sourceId) targetId = ids[(ids.indexOf(sourceId) + 1) % ids.length] ?? "";
    flows.push(
      flowSchema.parse({
        id: `flow-${index}`,
        diagramId,
        sourceId,
        targetId,
        name: `Flow ${index}`,
        protocol: ["HTTPS", "HTTP", "AMQP", "SQL"][index % 4],
        dataCarried: index % 6 === 0 ? "JSON orders" : "records",
        authenticated: [true, false, null][index % 3],
        encrypted: index % 4 === 0,
        forgeryProtection: null,
        plane: index % 10 === 0 ? "control" : "data",
        bidirectional: index % 8 === 0,
        sequence: null,
        outOfScope: index % 50 === 0,
        outOfScopeReason: "",
      }),
    );
  }
  return { elements, flows };
}

/** Options of measureThreatGeneration. */
export interface ThreatGenerationBenchOptions {
  elements?: number;
  flows?: number;
  /** Timed runs after one warm-up run; the median is reported. */
  runs?: number;
  ruleSets?: readonly RuleSet[];
}

/**
 * Milliseconds that evaluateRules takes over buildLargeModel(elements, flows) with the default
 * rule sets (1,000 elements and 1,500 flows unless told otherwise): the median of `runs` timed
 * runs, after a warm-up run.
 */
export function measureThreatGeneration(options: ThreatGenerationBenchOptions = {}): number {
  const model = buildLargeModel(options.elements ?? 1_000, options.flows ?? 1_500);
  const ruleSets = options.ruleSets ?? DEFAULT_RULE_SETS;
  evaluateRules(ruleSets, model);
  const timings: number[] = [];
  for (let run = 0; run < Math.max(1, options.runs ?? 7); run += 1) {
    const start = performance.now();
    evaluateRules(ruleSets, model);
    timings.push(performance.now() - start);
  }
  timings.sort((a, b) => a - b);
  return timings[Math.floor(timings.length / 2)] ?? 0;
}
