"use client";

import { IntentLink } from "./intent-link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { formatUnreadCount } from "@/components/inbox/inbox-format";
import { useUnreadCount } from "@/components/inbox/use-unread-count";
import { Avatar } from "./avatar";
import { Button } from "./button";
import { cx, FOCUS_RING } from "./class-names";
import { ShieldIcon } from "./icons";

export const PRODUCT_NAME = "Threat Room";

export interface ShellUser {
  id: string;
  name: string;
  email: string;
}

export interface ShellProps {
  /** The signed-in user, or null while the session loads. */
  user: ShellUser | null;
  onSignOut: () => void;
  children: ReactNode;
  /** `wide` for wide pages, `full` for the workspace, which uses the whole window. */
  width?: "default" | "wide" | "full";
}

const INBOX_HREF = "/inbox";

const NAV_LINKS = [
  { href: "/models", label: "Models" },
  { href: INBOX_HREF, label: "Inbox" },
  { href: "/settings/rule-sets", label: "Rule sets" },
  { href: "/settings/tokens", label: "API tokens" },
  { href: "/settings/account", label: "Account" },
] as const;

/**
 * The page frame of signed-in pages: product name, navigation (with the live unread count of
 * the inbox once `user` is known), the user and sign out.
 */
export function Shell({ user, onSignOut, children, width = "default" }: ShellProps) {
  const pathname = usePathname();
  const unread = useUnreadCount(user !== null);
  const unreadLabel = formatUnreadCount(unread.count);
  const containerClass =
    width === "full" ? "max-w-none" : width === "wide" ? "max-w-7xl" : "max-w-5xl";
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div
          className={cx(
            "mx-auto flex min-h-14 flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2 sm:flex-nowrap sm:px-6",
            containerClass,
          )}
        >
          <IntentLink
            href="/models"
            className={cx(
              "flex items-center gap-2 rounded-md font-semibold whitespace-nowrap text-slate-900",
              FOCUS_RING,
            )}
          >
            <span className="flex size-7 items-center justify-center rounded-md bg-indigo-600 text-white">
              <ShieldIcon />
            </span>
            {PRODUCT_NAME}
          </IntentLink>
          <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto">
            <ul className="flex items-center gap-1">
              {NAV_LINKS.map((link) => {
                const isCurrent = pathname === link.href || pathname.startsWith(`${link.href}/`);
                const badge = link.href === INBOX_HREF ? unreadLabel : "";
                return (
                  <li key={link.href}>
                    <IntentLink
                      href={link.href}
                      aria-current={isCurrent ? "page" : undefined}
                      aria-label={badge ? `${link.label}, ${badge} unread` : undefined}
                      className={cx(
                        "inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap",
                        FOCUS_RING,
                        isCurrent
                          ? "bg-slate-100 text-slate-900"
                          : "text-slate-600 hover:bg-slate-50 hover:text-slate-900",
                      )}
                    >
                      {link.label}
                      {badge ? (
                        <span
                          aria-hidden="true"
                          className="inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-white"
                        >
                          {badge}
                        </span>
                      ) : null}
                    </IntentLink>
                  </li>
                );
              })}
            </ul>
            <span aria-live="polite" className="sr-only">
              {unread.announcement}
            </span>
          </nav>
          <div className="ml-auto flex items-center gap-3">
            {user ? (
              <>
                <div className="hidden items-center gap-2 md:flex">
                  <Avatar
                    name={user.name || user.email}
                    userId={user.id}
                    size="sm"
                    label={`Signed in as ${user.name || user.email}`}
                  />
                  <div className="leading-tight">
                    <p className="text-sm font-medium text-slate-900">{user.name}</p>
                    <p className="text-xs text-slate-500">{user.email}</p>
                  </div>
                </div>
                <Button variant="secondary" size="sm" onClick={onSignOut}>
                  Sign out
                </Button>
              </>
            ) : null}
          </div>
        </div>
      </header>
      <main
        id="main"
        className={cx(
          "mx-auto w-full flex-1 px-4 sm:px-6",
          // The workspace gives the canvas every line it can.
          width === "full" ? "pt-4 pb-4" : "py-8",
          containerClass,
        )}
      >
        {children}
      </main>
    </div>
  );
}

/** The frame of signed-out pages (sign in, sign up): the product name over a centred card. */
export function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2 text-lg font-semibold text-slate-900">
        <span className="flex size-8 items-center justify-center rounded-md bg-indigo-600 text-white">
          <ShieldIcon />
        </span>
        {PRODUCT_NAME}
      </div>
      <div className="w-full max-w-sm rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
        <h1 className="mb-6 text-xl font-semibold text-slate-900">{title}</h1>
        {children}
      </div>
    </main>
  );
}

/** A page's title row: the h1 and the page's main actions. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  );
}
