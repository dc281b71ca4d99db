"use client";

import { useId, useState } from "react";
import { REVIEW_LIMITS, type ThreadDetail } from "@/lib/review/schemas";
import type { ThreadTarget } from "@/lib/review/targets";
import { getErrorMessage } from "@/components/api/api-client";
import { createThread } from "@/components/api/review-endpoints";
import { TextField } from "@/components/ui/text-field";
import { MessageComposer } from "./message-composer";
import { useDiscussionContext } from "./use-discussion";

/**
 * Opens a thread on a target: a subject and the first message. The new thread shows at once
 * (the answer is taken before the server's notice arrives).
 */
export function NewThreadForm({
  target,
  aboutLabel,
  onCreated,
  onCancel,
}: {
  target: ThreadTarget;
  /** What the thread will be about, as the user reads it. */
  aboutLabel: string;
  onCreated: (thread: ThreadDetail) => void;
  onCancel: () => void;
}) {
  const context = useDiscussionContext();
  const subjectId = useId();
  const [subject, setSubject] = useState("");
  const [subjectError, setSubjectError] = useState<string | null>(null);
  if (!context) return null;
  const { discussion, modelId } = context;

  return (
    <section aria-labelledby={subjectId} className="space-y-3">
      <h3 id={subjectId} className="text-base font-semibold text-slate-900">
        New thread <span className="font-normal text-slate-500">about {aboutLabel}</span>
      </h3>
      <TextField
        label="Subject"
        value={subject}
        maxLength={REVIEW_LIMITS.subjectLength}
        autoFocus
        error={subjectError ?? undefined}
        onChange={(event) => {
          setSubject(event.target.value);
          setSubjectError(null);
        }}
      />
      <MessageComposer
        label="First message"
        members={discussion.members}
        submitLabel="Start thread"
        onCancel={onCancel}
        onSubmit={async (body) => {
          if (subject.trim() === "") {
            setSubjectError("Give the thread a subject");
            throw new Error("Give the thread a subject first.");
          }
          try {
            const thread = await createThread(modelId, { target, subject: subject.trim(), body });
            discussion.accept(thread);
            onCreated(thread);
          } catch (caught) {
            throw new Error(getErrorMessage(caught), { cause: caught });
          }
        }}
      />
    </section>
  );
}
