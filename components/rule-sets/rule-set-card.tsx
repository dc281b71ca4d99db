"use client";

import { useMemo, useState } from "react";
import { LIMITS } from "@/lib/limits";
import { DEFAULT_RULE_SETS } from "@/lib/stride/default-rules";
import { nameRule } from "@/lib/stride/rule-names";
import type { Rule } from "@/lib/stride/rule-types";
import { getErrorMessage } from "@/components/api/api-client";
import { getRuleSetExportUrl } from "@/components/api/endpoints";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { InlineEdit } from "@/components/ui/inline-edit";
import { useToast } from "@/components/ui/toast";
import { RuleDialog } from "./rule-dialog";
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

/** Ids of the built-in rules: a new rule avoids them, since the built-in rule would win. */
const BUILT_IN_RULE_IDS: ReadonlySet<string> = new Set(
  DEFAULT_RULE_SETS.flatMap((ruleSet) => ruleSet.rules.map((rule) => rule.id)),
);

/** The rule dialog's subject: a new rule, or an existing one to edit. */
type RuleEditor = { kind: "add" } | { kind: "edit"; rule: Rule };

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
  const [editor, setEditor] = useState<RuleEditor | null>(null);
  const [ruleToDelete, setRuleToDelete] = useState<Rule | null>(null);
  const isEditable = canManage && !isBuiltIn && onChange !== undefined;
  const takenIds = useMemo(() => {
    if (editor?.kind !== "add") {
      return new Set(rules.filter((rule) => rule.id !== editor?.rule.id).map((rule) => rule.id));
    }
    return new Set([...BUILT_IN_RULE_IDS, ...rules.map((rule) => rule.id)]);
  }, [editor, rules]);

  async function saveRule(changed: Rule) {
    if (!onChange) return;
    await onChange({ rules: rules.map((rule) => (rule.id === changed.id ? changed : rule)) });
  }

  async function addRule(added: Rule) {
    if (!onChange) return;
    await onChange({ rules: [...rules, added] });
    notify({ tone: "success", message: `Added the rule “${nameRule(added)}”.` });
  }

  async function deleteRule(deleted: Rule) {
    if (!onChange) return;
    await onChange({ rules: rules.filter((rule) => rule.id !== deleted.id) });
    notify({ tone: "success", message: `Deleted the rule “${nameRule(deleted)}”.` });
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
              <Button
                variant="secondary"
                size="sm"
                icon={<PlusIcon />}
                onClick={() => setEditor({ kind: "add" })}
              >
                Add rule
              </Button>
              <Button variant="secondary" size="sm" onClick={handleToggleSet}>
                {isEnabled ? `Disable set` : `Enable set`}
              </Button>
              <Button
                variant="ghost"
                size="sm"
                className="text-red-700 hover:bg-red-50"
                icon={<TrashIcon />}
                onClick={onDelete}
              >
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
          onEditRule={isEditable ? (rule) => setEditor({ kind: "edit", rule }) : undefined}
          onDeleteRule={isEditable ? setRuleToDelete : undefined}
        />
      </details>
      {editor ? (
        <RuleDialog
          rule={editor.kind === "edit" ? editor.rule : undefined}
          takenIds={takenIds}
          onSave={editor.kind === "edit" ? saveRule : addRule}
          onClose={() => setEditor(null)}
        />
      ) : null}
      {ruleToDelete ? (
        <ConfirmDialog
          title="Delete rule?"
          description={
            <p>
              “<strong className="font-semibold text-slate-900">{nameRule(ruleToDelete)}</strong>”
              will be removed from {name}. Threats it generated stay in their models.
            </p>
          }
          confirmLabel="Delete rule"
          isDanger
          onConfirm={() => deleteRule(ruleToDelete)}
          onClose={() => setRuleToDelete(null)}
        />
      ) : null}
    </Card>
  );
}
