import { MITIGATION_DEFAULTS, type Mitigation } from "@/lib/model/mitigations";
import { THREAT_DEFAULTS, type Threat } from "@/lib/model/threats";

/** A stored threat for unit tests: the model's defaults overlaid with `overrides`. */
export function buildThreat(overrides: Partial<Threat> & { id: string }): Threat {
  return { ...THREAT_DEFAULTS, ...overrides };
}

/** A stored mitigation for unit tests: the model's defaults overlaid with `overrides`. */
export function buildMitigation(overrides: Partial<Mitigation> & { id: string }): Mitigation {
  return { ...MITIGATION_DEFAULTS, ...overrides };
}
