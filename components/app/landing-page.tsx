"use client";

import Image from "next/image";
import Link from "next/link";
import { RedirectIfSignedIn } from "@/components/auth/redirect-if-signed-in";
import { buttonClasses } from "@/components/ui/button";
import { ShieldIcon } from "@/components/ui/icons";
import { PRODUCT_NAME } from "@/components/ui/shell";

const FEATURES = [
  {
    title: "One model, everyone in it",
    text: "The data-flow diagram, threats, mitigations and meeting notes are one shared document: edits, pointers and selections of everyone in the room arrive live.",
  },
  {
    title: "A meeting with a method",
    text: "The facilitator walks the group through each element and each STRIDE category that applies to it; finding is kept apart from fixing, and a coverage matrix shows what was looked at.",
  },
  {
    title: "Review between meetings",
    text: "Email-style threads on any threat or element, an inbox, notifications you can answer by email, and sign-off on a named version.",
  },
  {
    title: "Nothing lost, nothing locked in",
    text: "Every change is kept, with versions and diffs and an audit trail. Import from Threat Dragon, the Microsoft Threat Modeling Tool, threat-composer and OTM; export reports as HTML or PDF.",
  },
] as const;

/**
 * The front page for visitors: what the product is, a picture of a live session, and the way
 * in. Someone already signed in goes straight to their models.
 */
export function LandingPage() {
  return (
    <div className="min-h-dvh bg-white">
      <RedirectIfSignedIn to="/models" />
      <header className="mx-auto flex max-w-6xl items-center justify-between px-6 py-5">
        <span className="flex items-center gap-2 text-lg font-semibold text-slate-900">
          <span className="flex size-8 items-center justify-center rounded-md bg-indigo-600 text-white">
            <ShieldIcon />
          </span>
          {PRODUCT_NAME}
        </span>
        <nav aria-label="Account" className="flex items-center gap-2">
          <Link href="/signin" className={buttonClasses("ghost", "md")}>
            Sign in
          </Link>
          <Link href="/signup" className={buttonClasses("primary", "md")}>
            Create an account
          </Link>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-6 pb-20">
        <section aria-labelledby="landing-title" className="pt-10 pb-12 text-center">
          <h1
            id="landing-title"
            className="mx-auto max-w-3xl text-4xl font-semibold tracking-tight text-slate-900 sm:text-5xl"
          >
            Threat-model together, in one live workspace
          </h1>
          <p className="mx-auto mt-5 max-w-2xl text-lg text-slate-600">
            Security engineers, developers, architects and testers draw the system, find threats
            with STRIDE, rate and answer them, and sign the model off: at the same time, in the
            browser, with every change kept.
          </p>
          <div className="mt-8 flex flex-wrap justify-center gap-3">
            <Link href="/signup" className={buttonClasses("primary", "lg")}>
              Create an account
            </Link>
            <Link href="/signin" className={buttonClasses("secondary", "lg")}>
              Sign in
            </Link>
          </div>
        </section>
        <figure className="overflow-hidden rounded-xl shadow-xl ring-1 ring-slate-200">
          <Image
            src="/live-session.png"
            alt="Three people in one threat model: their avatars in the header, two of them pointing at the data-flow diagram, threats counted on the elements and flows that cross trust boundaries"
            width={1260}
            height={760}
            priority
            unoptimized
            className="h-auto w-full"
          />
          <figcaption className="border-t border-slate-200 bg-slate-50 px-4 py-2 text-sm text-slate-600">
            A live session: everyone sees the same diagram, who is here and where they point.
          </figcaption>
        </figure>
        <section aria-label="What it does" className="mt-16 grid gap-8 sm:grid-cols-2">
          {FEATURES.map((feature) => (
            <div key={feature.title}>
              <h2 className="text-lg font-semibold text-slate-900">{feature.title}</h2>
              <p className="mt-2 text-slate-600">{feature.text}</p>
            </div>
          ))}
        </section>
      </main>
    </div>
  );
}
