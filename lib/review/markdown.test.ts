import { describe, expect, it } from "vitest";
import { renderMessageHtml } from "./markdown";
import { extractMentionIds, mentionToken, mentionsAsText } from "./mentions";

describe("renderMessageHtml", () => {
  it("renders Markdown emphasis, lists and code", () => {
    const html = renderMessageHtml("**bold** and `code`\n\n- one\n- two");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<li>one</li>");
  });

  it("escapes raw HTML instead of passing it through", () => {
    const html = renderMessageHtml('<img src=x onerror="alert(1)"><script>alert(2)</script>');
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;");
  });

  it("keeps http, https and mailto links and drops every other scheme", () => {
    const html = renderMessageHtml(
      "[a](https://example.com) [b](mailto:x@example.com) [c](javascript:alert(1)) [d](data:text/html,hi) [e](vbscript:x)",
    );
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('href="mailto:x@example.com"');
    expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it("never loads images", () => {
    const html = renderMessageHtml("![tracker](https://evil.example/pixel.png)");
    expect(html).not.toContain("<img");
  });

  it("turns mention tokens into mention spans, escaped", () => {
    const html = renderMessageHtml(`Ask ${mentionToken({ id: "u_1", name: "Bob <b>" })} please`);
    expect(html).toContain('<span class="mention" data-user-id="u_1">@Bob &lt;b&gt;</span>');
  });
});

describe("mentions", () => {
  it("lists each mentioned id once, in order", () => {
    const body = `${mentionToken({ id: "b", name: "B" })} ${mentionToken({ id: "a", name: "A" })} ${mentionToken({ id: "b", name: "B" })}`;
    expect(extractMentionIds(body)).toEqual(["b", "a"]);
    expect(mentionsAsText(body)).toBe("@B @A @B");
  });

  it("ignores look-alikes that are not tokens", () => {
    expect(extractMentionIds("@[x](https://example.com) @bob mention:abc")).toEqual([]);
  });
});
