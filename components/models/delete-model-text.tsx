"use client";

import { useEffect, useState } from "react";
import { describeModelContents } from "@/lib/model/contents";
import { isAbortError } from "@/components/api/api-client";
import { fetchModelContents } from "@/components/api/endpoints";

/**
 * What deleting a model deletes, naming only what it holds ("3 elements, 2 threats and the
 * meeting notes"), read when the question is asked; a general sentence until then or if the
 * count cannot be read.
 */
export function DeleteModelText({ modelId, title }: { modelId: string; title: string }) {
  const [holds, setHolds] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    fetchModelContents(modelId, controller.signal)
      .then((answer) => setHolds(describeModelContents(answer.contents, answer.versions)))
      .catch((caught: unknown) => {
        if (!isAbortError(caught)) setHolds(undefined);
      });
    return () => controller.abort();
  }, [modelId]);

  const name = <strong className="font-semibold text-slate-900">{title}</strong>;
  return (
    <p>
      {holds === null ? (
        <>“{name}” is empty. It will be deleted for every member.</>
      ) : holds === undefined ? (
        <>“{name}” and everything in it will be deleted for every member.</>
      ) : (
        <>
          “{name}” and what it holds ({holds}) will be deleted for every member.
        </>
      )}{" "}
      This cannot be undone.
    </p>
  );
}
