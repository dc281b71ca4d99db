"use client";

import { useRef, useState, type ChangeEvent } from "react";
import { DEFAULT_RULE_SETS } from "@/lib/stride/default-rules";
import { getDetailedErrorMessage } from "@/components/api/api-client";
import type { OrganisationRuleSet } from "@/components/api/schemas";
import { ResourceListStatus } from "@/components/api/resource-list-status";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/shell";
import { useToast } from "@/components/ui/toast";
import { CreateRuleSetDialog } from "./create-rule-set-dialog";
import { RuleSetCard } from "./rule-set-card";
import { useRuleSetAdmin } from "./use-rule-set-admin";
import { useRuleSets } from "./use-rule-sets";

/**
 * The rule sets page: the built-in STRIDE sets (read-only) and the organisation's sets, which
 * administrators create, edit, import, export and delete; everyone else sees them read-only.
 */
export function RuleSetsView() {
  const { notify } = useToast();
  const isAdmin = useRuleSetAdmin();
  const { state, reload, create, change, remove, importFile } = useRuleSets();
  const [isCreating, setIsCreating] = useState(false);
  const [setToDelete, setSetToDelete] = useState<OrganisationRuleSet | null>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);

  async function handleImport(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    try {
      const imported = await importFile({ name: file.name, text: await file.text() });
      notify({
        tone: "success",
        message: `Imported “${imported.name}” with ${imported.ruleCount} rules.`,
      });
    } catch (caught) {
      notify({ tone: "danger", message: getDetailedErrorMessage(caught) });
    }
  }

  return (
    <>
      <PageHeader
        title="Rule sets"
        description={
          isAdmin
            ? "Rules that generate threats from the data-flow diagram. Enabled sets are used by every model."
            : "Rules that generate threats from the data-flow diagram. Only rule-set administrators can change them."
        }
        actions={
          isAdmin ? (
            <>
              <input
                ref={fileInputRef}
                type="file"
                accept=".json,.tb7,application/json,application/xml"
                className="sr-only"
                aria-label="Import rule set file"
                onChange={handleImport}
              />
              <Button variant="secondary" onClick={() => fileInputRef.current?.click()}>
                Import
              </Button>
              <Button icon={<PlusIcon />} onClick={() => setIsCreating(true)}>
                New rule set
              </Button>
            </>
          ) : null
        }
      />

      <div className="space-y-4">
        <h2 className="text-sm font-semibold tracking-wide text-slate-600 uppercase">
          Organisation rule sets
        </h2>
        <ResourceListStatus
          state={state}
          loadingLabel="Loading rule sets"
          errorTitle="The rule sets could not be loaded"
          onRetry={reload}
          empty={<p className="text-sm text-slate-600">No organisation rule sets yet.</p>}
        />
        {state.status === "ready"
          ? state.items.map((ruleSet) => (
              <RuleSetCard
                key={ruleSet.id}
                ruleSetId={ruleSet.id}
                name={ruleSet.name}
                description={ruleSet.description}
                rules={ruleSet.rules}
                isBuiltIn={false}
                isEnabled={ruleSet.isEnabled}
                canManage={isAdmin}
                onChange={(changes) =>
                  change(ruleSet.id, { ...changes, expectedUpdatedAt: ruleSet.updatedAt })
                }
                onDelete={() => setSetToDelete(ruleSet)}
              />
            ))
          : null}

        <h2 className="pt-4 text-sm font-semibold tracking-wide text-slate-600 uppercase">
          Built-in rule sets
        </h2>
        {DEFAULT_RULE_SETS.map((ruleSet) => (
          <RuleSetCard
            key={ruleSet.id}
            name={ruleSet.name}
            description={ruleSet.description}
            rules={ruleSet.rules}
            isBuiltIn
            isEnabled
            canManage={false}
          />
        ))}
      </div>

      {isCreating ? (
        <CreateRuleSetDialog onCreate={create} onClose={() => setIsCreating(false)} />
      ) : null}
      {setToDelete ? (
        <ConfirmDialog
          title="Delete rule set?"
          description={
            <p>
              “<strong className="font-semibold text-slate-900">{setToDelete.name}</strong>” and its{" "}
              {setToDelete.ruleCount} rules will be deleted. Threats it generated stay in their
              models.
            </p>
          }
          confirmLabel="Delete rule set"
          isDanger
          onConfirm={async () => {
            await remove(setToDelete.id);
            notify({ tone: "success", message: `Deleted “${setToDelete.name}”.` });
          }}
          onClose={() => setSetToDelete(null)}
        />
      ) : null}
    </>
  );
}
