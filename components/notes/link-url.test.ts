import { getSchema } from "@tiptap/core";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { isSafeLinkUrl, normalizeLinkInput } from "./link-url";
import { buildNotesExtensions } from "./notes-extensions";

describe("links in the notes", () => {
  it("accepts only http, https and mailto addresses", () => {
    expect(isSafeLinkUrl("https://example.com/a?b=c")).toBe(true);
    expect(isSafeLinkUrl("http://intranet.local")).toBe(true);
    expect(isSafeLinkUrl("mailto:security@example.com")).toBe(true);
    for (const hostile of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "java\tscript:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox",
      "file:///etc/passwd",
      "/relative",
      "",
      42,
      null,
    ]) {
      expect(isSafeLinkUrl(hostile), String(hostile)).toBe(false);
    }
  });

  it("completes a typed address and refuses other schemes", () => {
    expect(normalizeLinkInput(" example.com/x ")).toBe("https://example.com/x");
    expect(normalizeLinkInput("mailto:a@b.example")).toBe("mailto:a@b.example");
    expect(normalizeLinkInput("javascript:alert(1)")).toBeNull();
    expect(normalizeLinkInput("  ")).toBeNull();
  });

  it("renders a hostile address written by a peer without it", () => {
    const schema = getSchema(
      buildNotesExtensions({ doc: new Y.Doc(), awareness: null, user: null }),
    );
    const render = (href: string) => {
      const spec = schema.marks.link?.spec.toDOM?.(schema.marks.link.create({ href }), true);
      return Array.isArray(spec) ? (spec[1] as Record<string, unknown>).href : undefined;
    };
    expect(render("javascript:alert(document.cookie)")).toBe("");
    expect(render("data:text/html,x")).toBe("");
    expect(render("https://example.com")).toBe("https://example.com");
  });
});
