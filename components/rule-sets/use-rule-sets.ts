"use client";

import { useCallback } from "react";
import type { Rule } from "@/lib/stride/rule-types";
import {
  createRuleSet,
  deleteRuleSet,
  importRuleSet,
  listRuleSets,
  updateRuleSet,
} from "@/components/api/endpoints";
import type { OrganisationRuleSet } from "@/components/api/schemas";
import { useResourceList } from "@/components/api/use-resource-list";

/** The organisation's rule sets and the administrators' actions; actions throw ApiError. */
export function useRuleSets() {
  const { state, reload, update } = useResourceList(listRuleSets);

  const replace = useCallback(
    (changed: OrganisationRuleSet) =>
      update((sets) => sets.map((set) => (set.id === changed.id ? changed : set))),
    [update],
  );

  const create = useCallback(
    async (name: string) => {
      const created = await createRuleSet(name);
      update((sets) => [...sets, created]);
    },
    [update],
  );

  const change = useCallback(
    async (
      ruleSetId: string,
      changes: { name?: string; rules?: Rule[]; isEnabled?: boolean; expectedUpdatedAt?: string },
    ) => {
      replace(await updateRuleSet(ruleSetId, changes));
    },
    [replace],
  );

  const remove = useCallback(
    async (ruleSetId: string) => {
      await deleteRuleSet(ruleSetId);
      update((sets) => sets.filter((set) => set.id !== ruleSetId));
    },
    [update],
  );

  const importFile = useCallback(
    async (file: { name: string; text: string }) => {
      const imported = await importRuleSet(file);
      update((sets) => [...sets, imported]);
      return imported;
    },
    [update],
  );

  return { state, reload, create, change, remove, importFile };
}
