import { buttonClasses } from "@/components/ui/button";

/**
 * The 404 page. Its link is a plain anchor, not next/link: this server component is part of
 * every page's payload (as the not-found boundary), and a next/link here made every page fetch
 * next/link's client chunk on its own while hydrating, a request the page's hydration waited
 * for.
 */
export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="max-w-sm text-sm text-slate-600">
        The page you are looking for does not exist.
      </p>
      <a href="/" className={buttonClasses("primary", "md")}>
        Go to Threat Room
      </a>
    </main>
  );
}
