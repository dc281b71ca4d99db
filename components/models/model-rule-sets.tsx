"use client";

import { useId, useState } from "react";
import type * as Y from "yjs";
import { clearRuleSetChoices, getRuleSetChoices, setRuleSetChoice } from "@/lib/model/meta";
import { isRuleSetOn } from "@/lib/stride/select-rule-sets";
import { getErrorMessage } from "@/components/api/api-client";
import { useDocumentValue } from "@/components/notes/notes-context";
import { useRuleSets } from "@/components/rule-sets/use-rule-sets";
import { listOfferedRuleSets } from "@/components/threats/threat-generation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";

export interface ModelRuleSetsProps {
  doc: Y.Doc;
  /** Viewers, commenters, a closed connection or an old version: shown, not changed. */
  isReadOnly: boolean;
}

function readChoices(doc: Y.Doc): [string, boolean][] {
  return [...getRuleSetChoices(doc)];
}

/**
 * A model setting: which rule sets generate its threats. Each set follows the instance (the
 * built-in sets, and organisation sets as their administrators enabled them) until someone who
 * may edit the model turns it on or off here; the choice lives in the shared document, so
 * everyone in the room sees it change, and "Use the defaults" forgets it.
 */
export function ModelRuleSets({ doc, isReadOnly }: ModelRuleSetsProps) {
  const { state, reload } = useRuleSets();
  const entries = useDocumentValue(doc, readChoices, (value) => JSON.stringify(value));
  const choices = new Map(entries);
  const [error, setError] = useState<string | null>(null);
  const idPrefix = useId();

  function run(change: () => void) {
    try {
      change();
      setError(null);
    } catch (caught) {
      setError(getErrorMessage(caught));
    }
  }

  return (
    <Card as="section" aria-label="Rule sets for this model" className="p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-base font-semibold text-slate-900">Rule sets for this model</h2>
          <p className="text-xs text-slate-500">
            Generate threats uses the sets that are on.{" "}
            {isReadOnly
              ? "Only people who can edit the model change them."
              : "A set you leave alone follows the instance's choice."}
          </p>
        </div>
        {!isReadOnly && choices.size > 0 ? (
          <Button variant="secondary" size="sm" onClick={() => run(() => clearRuleSetChoices(doc))}>
            Use the defaults
          </Button>
        ) : null}
      </div>
      {error ? (
        <Alert tone="danger" title="That change was not made" className="mt-2">
          {error}
        </Alert>
      ) : null}
      {state.status === "loading" ? (
        <Spinner label="Loading the rule sets" className="mt-2 text-sm text-slate-600" />
      ) : state.status === "error" ? (
        <Alert
          tone="danger"
          title="The rule sets could not be loaded"
          className="mt-2"
          action={
            <Button variant="secondary" size="sm" onClick={reload}>
              Try again
            </Button>
          }
        >
          {state.message}
        </Alert>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200">
          {listOfferedRuleSets(state.items).map((offered) => {
            const { ruleSet } = offered;
            const isOn = isRuleSetOn(offered, choices);
            const isChosen = choices.has(ruleSet.id);
            const inputId = `${idPrefix}-${ruleSet.id}`;
            return (
              <li key={ruleSet.id} className="flex items-start gap-3 py-2">
                <input
                  id={inputId}
                  type="checkbox"
                  className="mt-0.5 size-4"
                  checked={isOn}
                  disabled={isReadOnly}
                  onChange={(event) =>
                    run(() => setRuleSetChoice(doc, ruleSet.id, event.target.checked))
                  }
                />
                <div className="min-w-0">
                  <label htmlFor={inputId} className="text-sm font-medium text-slate-900">
                    {ruleSet.name}
                  </label>{" "}
                  <Badge tone={isChosen ? "info" : "neutral"}>
                    {isChosen
                      ? "Chosen for this model"
                      : offered.isOnByDefault
                        ? "On by default"
                        : "Off by default"}
                  </Badge>
                  {ruleSet.description ? (
                    <p className="text-xs text-slate-500">{ruleSet.description}</p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
