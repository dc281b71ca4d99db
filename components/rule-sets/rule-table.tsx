"use client";

import { STRIDE_CATEGORY_LABELS } from "@/lib/model/threats";
import { describeRuleConditions } from "@/lib/stride/describe-condition";
import { nameRule } from "@/lib/stride/rule-names";
import type { Rule } from "@/lib/stride/rule-types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

export interface RuleTableProps {
  /** The set's name, for accessible labels. */
  setName: string;
  rules: readonly Rule[];
  /** Given for administrators of an organisation set; absent means read-only. */
  onToggleRule?: (rule: Rule) => void;
  onEditRule?: (rule: Rule) => void;
  onDeleteRule?: (rule: Rule) => void;
}

/**
 * The rules of one set: name (the title with its placeholders in words), category, when it
 * fires in words, and (editable) enabled state. Internal rule ids are never shown.
 */
export function RuleTable({
  setName,
  rules,
  onToggleRule,
  onEditRule,
  onDeleteRule,
}: RuleTableProps) {
  const hasActions = onEditRule !== undefined || onDeleteRule !== undefined;
  if (rules.length === 0) return <p className="px-5 py-3 text-sm text-slate-600">No rules yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Rules of {setName}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-5 py-2">
              Rule
            </th>
            <th scope="col" className="px-5 py-2">
              Category
            </th>
            <th scope="col" className="px-5 py-2">
              When
            </th>
            <th scope="col" className="px-5 py-2">
              Enabled
            </th>
            {hasActions ? (
              <th scope="col" className="px-5 py-2">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rules.map((rule) => {
            const when = describeRuleConditions(rule);
            const name = nameRule(rule);
            return (
              <tr key={rule.id}>
                <th scope="row" className="px-5 py-2 font-medium text-slate-900">
                  {name}
                </th>
                <td className="px-5 py-2 text-slate-700">
                  {STRIDE_CATEGORY_LABELS[rule.category]}
                </td>
                <td className="px-5 py-2 text-xs text-slate-600">
                  <span className="block">For {when.scope}</span>
                  <span className="block">if {when.include}</span>
                  {when.exclude !== null ? (
                    <span className="block">unless {when.exclude}</span>
                  ) : null}
                </td>
                <td className="px-5 py-2">
                  {onToggleRule ? (
                    <input
                      type="checkbox"
                      className="size-4"
                      checked={rule.enabled}
                      aria-label={`Rule “${name}” enabled`}
                      onChange={() => onToggleRule(rule)}
                    />
                  ) : (
                    <Badge tone={rule.enabled ? "success" : "neutral"}>
                      {rule.enabled ? "On" : "Off"}
                    </Badge>
                  )}
                </td>
                {hasActions ? (
                  <td className="px-5 py-2">
                    <div className="flex justify-end gap-2">
                      {onEditRule ? (
                        <Button
                          variant="secondary"
                          size="sm"
                          aria-label={`Edit rule “${name}”`}
                          onClick={() => onEditRule(rule)}
                        >
                          Edit
                        </Button>
                      ) : null}
                      {onDeleteRule ? (
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Delete rule “${name}”`}
                          onClick={() => onDeleteRule(rule)}
                        >
                          Delete
                        </Button>
                      ) : null}
                    </div>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
