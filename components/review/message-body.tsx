"use client";

import { useMemo } from "react";
import { renderMessageHtml } from "@/lib/review/markdown";
import { cx } from "@/components/ui/class-names";

/**
 * A message's Markdown, rendered by lib/review/markdown.ts, which escapes raw HTML and keeps
 * only http, https and mailto links: its output is safe to insert as HTML.
 */
export function MessageBody({ body, className }: { body: string; className?: string }) {
  const html = useMemo(() => renderMessageHtml(body), [body]);
  return (
    <div
      className={cx(
        "message-body text-sm leading-relaxed break-words text-slate-800",
        "[&_a]:text-indigo-700 [&_a]:underline [&_blockquote]:my-2 [&_blockquote]:border-l-2 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600",
        "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:text-[0.85em] [&_ol]:list-decimal [&_ol]:pl-5 [&_p]:my-1.5 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-50 [&_pre]:p-2 [&_ul]:list-disc [&_ul]:pl-5",
        "[&_.mention]:rounded [&_.mention]:bg-indigo-50 [&_.mention]:px-1 [&_.mention]:font-medium [&_.mention]:text-indigo-800",
        className,
      )}
      // Sanitised by renderMessageHtml: no raw HTML, no unsafe link schemes, no images.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
