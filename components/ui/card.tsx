import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "./class-names";

export interface CardProps extends HTMLAttributes<HTMLElement> {
  /** Render as a section (default), an article or a plain div. */
  as?: "section" | "article" | "div" | "li";
  children: ReactNode;
}

/** A white surface with a hairline border, the container of lists and forms. */
export function Card({ as: Tag = "section", className, children, ...rest }: CardProps) {
  return (
    <Tag className={cx("rounded-xl bg-white shadow-sm ring-1 ring-slate-200", className)} {...rest}>
      {children}
    </Tag>
  );
}

/** A card's header row: a heading on the left, actions on the right. */
export function CardHeader({
  title,
  description,
  actions,
  headingLevel = 2,
  headingId,
}: {
  title: string;
  /** Lets the card name itself with `aria-labelledby`. */
  headingId?: string;
  description?: ReactNode;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
      <div className="min-w-0">
        <Heading id={headingId} className="text-base font-semibold text-slate-900">
          {title}
        </Heading>
        {description ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}
