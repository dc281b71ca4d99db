"use client";

import { useCallback, useState } from "react";
import type * as Y from "yjs";
import { getRuleSetChoices, listElements } from "@/lib/model";
import type { GenerationScope } from "@/lib/stride/engine";
import { getErrorMessage } from "@/components/api/api-client";
import { listRuleSets } from "@/components/api/endpoints";
import type { ToastInput } from "@/components/ui/toast";
import { PART_LOADERS } from "@/components/app/part-loaders";
import { getModelErrorMessage } from "./model-error-message";

const WHOLE_MODEL: GenerationScope = { kind: "model" };

/** What the user is told when there is nothing to generate threats for. */
const NO_ELEMENTS_MESSAGE = "Draw the data-flow diagram first: there are no elements to analyse.";

/**
 * The rule engine and the built-in rule sets, loaded the first time threats are generated
 * rather than with every page that offers generation.
 */
async function loadGeneration() {
  const [{ generateThreats }, { describeGeneration, selectGenerationRuleSets }] = await Promise.all(
    [PART_LOADERS.generation(), PART_LOADERS.threatGeneration()],
  );
  return { generateThreats, describeGeneration, selectGenerationRuleSets };
}

/**
 * Generates threats for the whole model, one diagram or one element (with its interactions)
 * into the shared document with the rule sets the model uses (its own choice, else the
 * built-in sets and the organisation's enabled ones; fetched fresh on each run); reports what
 * happened.
 */
export function useGenerateThreats(options: {
  doc: Y.Doc | null;
  authorId: string;
  onReport: (toast: ToastInput) => void;
}) {
  const { doc, authorId, onReport } = options;
  const [isGenerating, setIsGenerating] = useState(false);

  const generate = useCallback(
    async (scope: GenerationScope = WHOLE_MODEL) => {
      if (!doc) return;
      if (listElements(doc).length === 0) {
        onReport({ tone: "info", message: NO_ELEMENTS_MESSAGE });
        return;
      }
      setIsGenerating(true);
      try {
        let organisationSets;
        let generation;
        try {
          [organisationSets, generation] = await Promise.all([listRuleSets(), loadGeneration()]);
        } catch (caught) {
          onReport({ tone: "danger", message: getErrorMessage(caught) });
          return;
        }
        const { generateThreats, describeGeneration, selectGenerationRuleSets } = generation;
        try {
          const result = generateThreats(
            doc,
            selectGenerationRuleSets(organisationSets, getRuleSetChoices(doc)),
            scope,
            // The model's rule sets are every rule in force, so threats of a rule disabled or
            // deleted since, or of a set the model turned off, are flagged for review.
            { authorId, isEveryRuleInForce: true },
          );
          onReport({ tone: "success", message: describeGeneration(result) });
        } catch (caught) {
          onReport({
            tone: "danger",
            message: getModelErrorMessage(caught, "The threats could not be generated."),
          });
        }
      } finally {
        setIsGenerating(false);
      }
    },
    [doc, authorId, onReport],
  );

  return { generate, isGenerating };
}
