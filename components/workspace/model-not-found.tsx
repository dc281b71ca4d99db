import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { ArrowLeftIcon, ShieldIcon } from "@/components/ui/icons";

/** Shown when the model does not exist or the user is not a member (the API answers 404). */
export function ModelNotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center">
      <div className="flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-600">
        <ShieldIcon className="size-6" />
      </div>
      <h1 className="text-2xl font-semibold text-slate-900">Model not found</h1>
      <p className="text-sm text-slate-600">
        This model does not exist, was deleted, or you are not a member of it. Ask an owner of the
        model to add you.
      </p>
      <Link href="/models" className={buttonClasses("secondary", "md")}>
        <ArrowLeftIcon />
        Back to your models
      </Link>
    </div>
  );
}
