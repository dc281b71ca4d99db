"use client";

import { useEffect, useState } from "react";
import { Button } from "./button";
import { CheckIcon, CopyIcon } from "./icons";

export interface CopyButtonProps {
  /** The text put on the clipboard. */
  value: string;
  /** The button's label, e.g. "Copy token". */
  label?: string;
}

/** Copies a value to the clipboard and says so in its label for two seconds. */
export function CopyButton({ value, label = "Copy" }: CopyButtonProps) {
  const [result, setResult] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (result === "idle") return;
    const timer = window.setTimeout(() => setResult("idle"), 2000);
    return () => window.clearTimeout(timer);
  }, [result]);

  async function handleCopy() {
    try {
      await navigator.clipboard.writeText(value);
      setResult("copied");
    } catch {
      setResult("failed");
    }
  }

  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={handleCopy}
        icon={result === "copied" ? <CheckIcon /> : <CopyIcon />}
      >
        {result === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="sr-only">
        {result === "copied"
          ? "Copied to the clipboard"
          : result === "failed"
            ? "Copy failed: select the text and copy it"
            : ""}
      </span>
    </>
  );
}
