import type { Member } from "@/components/api/schemas";
import type { SelectOption } from "@/components/ui/select";

/**
 * The name a member is recorded under as a mitigation's owner. The document stores the owner
 * in words (a person or a team), so it reads the same in exports and to people outside the
 * model.
 */
export function getOwnerName(member: Pick<Member, "name" | "email">): string {
  return member.name.trim() || member.email;
}

/**
 * Options of the owner select: "No owner", then each member once. An owner who is not among
 * `members` (a team typed in elsewhere, a person since removed) stays selectable, marked
 * "not a member"; while the members are unknown (`null`) it is listed as it is.
 */
export function buildOwnerOptions(
  members: readonly Pick<Member, "name" | "email">[] | null,
  currentOwner: string,
): SelectOption[] {
  const options: SelectOption[] = [{ value: "", label: "No owner" }];
  const seen = new Set<string>([""]);
  for (const member of members ?? []) {
    const name = getOwnerName(member);
    if (seen.has(name)) continue;
    seen.add(name);
    options.push({
      value: name,
      label: name === member.email ? name : `${name} (${member.email})`,
    });
  }
  if (!seen.has(currentOwner)) {
    options.push({
      value: currentOwner,
      label: members === null ? currentOwner : `${currentOwner} (not a member)`,
    });
  }
  return options;
}
