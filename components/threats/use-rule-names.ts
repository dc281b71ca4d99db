"use client";

import { useMemo } from "react";
import { DEFAULT_RULE_SETS } from "@/lib/stride/default-rules";
import { indexRuleNames, type RuleName } from "@/lib/stride/rule-names";
import { listRuleSets } from "@/components/api/endpoints";
import { useResourceList } from "@/components/api/use-resource-list";

/**
 * The names of every rule the instance knows (built-in and organisation sets), by rule id, to
 * show rules by name rather than by id. Null while the organisation's sets load; built-in names
 * only if they cannot be loaded.
 */
export function useRuleNames(): ReadonlyMap<string, RuleName> | null {
  const { state } = useResourceList(listRuleSets);
  return useMemo(() => {
    if (state.status === "loading") return null;
    const organisationSets = state.status === "ready" ? state.items : [];
    return indexRuleNames([...DEFAULT_RULE_SETS, ...organisationSets]);
  }, [state]);
}
