"use client";

import { useState } from "react";
import { LIMITS } from "@/lib/limits";
import type { Rule } from "@/lib/stride/rule-types";
import { getErrorMessage } from "@/components/api/api-client";
import { getRuleSetExportUrl } from "@/components/api/endpoints";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { InlineEdit } from "@/components/ui/inline-edit";
import { useToast } from "@/components/ui/toast";
import { RuleEditDialog } from "./rule-edit-dialog";
import { RuleTable } from "./rule-table";

export interface RuleSetCardProps {
  name: string;
  description: string;
  rules: readonly Rule[];
  /** Built-in sets are read-only for everyone and always used. */
  isBuiltIn: boolean;
  isEnabled: boolean;
  /** Present for organisation sets. */
  ruleSetId?: string;
  /** True when the user may change this set. */
  canManage: boolean;
  onChange?: (changes: { name?: string; rules?: Rule[]; isEnabled?: boolean }) => Promise<void>;
  onDelete?: () => void;
}

/** One rule set: its name, state, actions and (folded) rules. */
export function RuleSetCard({
  name,
  description,
  rules,
  isBuiltIn,
  isEnabled,
  ruleSetId,
  canManage,
  onChange,
  onDelete,
}: RuleSetCardProps) {
  const { notify } = useToast();
  const [ruleToEdit, setRuleToEdit] = useState<Rule | null>(null);
  const isEditable = canManage && !isBuiltIn && onChange !== undefined;

  async function saveRule(changed: Rule) {
    if (!onChange) return;
    await onChange({ rules: rules.map((rule) => (rule.id === changed.id ? changed : rule)) });
  }

  function handleToggleRule(rule: Rule) {
    saveRule({ ...rule, enabled: !rule.enabled }).catch((caught: unknown) =>
      notify({ tone: "danger", message: getErrorMessage(caught) }),
    );
  }

  function handleToggleSet() {
    onChange?.({ isEnabled: !isEnabled }).catch((caught: unknown) =>
      notify({ tone: "danger", message: getErrorMessage(caught) }),
    );
  }

  return (
    <Card as="section" aria-label={name} className="overflow-hidden">
      <div className="flex flex-wrap items-start justify-between gap-3 px-5 py-4">
        <div className="min-w-0">
          <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
            {isEditable ? (
              <InlineEdit
                value={name}
                inputLabel="Rule set name"
                editLabel={`Rename ${name}`}
                maxLength={LIMITS.elementNameLength}
                onSave={(value) => onChange({ name: value })}
              />
            ) : (
              name
            )}
            {isBuiltIn ? <Badge tone="info">Built-in</Badge> : null}
            <Badge tone={isEnabled ? "success" : "neutral"}>
              {isEnabled ? "Enabled" : "Disabled"}
            </Badge>
            <Badge>{rules.length === 1 ? "1 rule" : `${rules.length} rules`}</Badge>
          </h2>
          {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {ruleSetId ? (
            <a
              href={getRuleSetExportUrl(ruleSetId)}
              download
              className={buttonClasses("secondary", "sm")}
            >
              Export
            </a>
          ) : null}
          {isEditable ? (
            <>
              <Button variant="secondary" size="sm" onClick={handleToggleSet}>
                {isEnabled ? `Disable set` : `Enable set`}
              </Button>
              <Button variant="danger" size="sm" onClick={onDelete}>
                Delete
              </Button>
            </>
          ) : null}
        </div>
      </div>
      <details className="border-t border-slate-200">
        <summary className="cursor-pointer px-5 py-2 text-sm font-medium text-slate-700">
          Show rules of {name}
        </summary>
        <RuleTable
          setName={name}
          rules={rules}
          onToggleRule={isEditable ? handleToggleRule : undefined}
          onEditRule={isEditable ? setRuleToEdit : undefined}
        />
      </details>
      {ruleToEdit ? (
        <RuleEditDialog rule={ruleToEdit} onSave={saveRule} onClose={() => setRuleToEdit(null)} />
      ) : null}
    </Card>
  );
}
