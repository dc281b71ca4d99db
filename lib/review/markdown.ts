import MarkdownIt from "markdown-it";

type MarkdownRenderer = ReturnType<typeof MarkdownIt>;
import { MENTION_AT_START } from "./mentions";

/** The link schemes a message may use; anything else (javascript:, data:, file:) is plain text. */
const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/**
 * Markdown for discussion messages, rendered sanitised: raw HTML is escaped (never passed
 * through), links and autolinks are kept only for http, https and mailto, images are not
 * loaded (shown as their text), and mentions become `<span class="mention">@Name</span>`.
 * What it returns is safe to put into a page as HTML.
 */
function createRenderer(): MarkdownRenderer {
  const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  md.disable(["image"]);
  md.inline.ruler.before("link", "mention", (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
    const match = MENTION_AT_START.exec(state.src.slice(state.pos));
    if (!match) return false;
    if (!silent) {
      const token = state.push("mention", "span", 0);
      token.content = match[1] ?? "";
      token.meta = { userId: match[2] ?? "" };
    }
    state.pos += match[0].length;
    return true;
  });
  md.renderer.rules.mention = (tokens, index) => {
    const token = tokens[index];
    const name = md.utils.escapeHtml(token?.content ?? "");
    const userId = md.utils.escapeHtml(String((token?.meta as { userId?: string }).userId ?? ""));
    return `<span class="mention" data-user-id="${userId}">@${name}</span>`;
  };
  const defaultLinkOpen =
    md.renderer.rules.link_open ??
    ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index];
    if (token) {
      token.attrSet("rel", "noopener noreferrer nofollow");
      token.attrSet("target", "_blank");
    }
    return defaultLinkOpen(tokens, index, options, env, self);
  };
  return md;
}

let renderer: MarkdownRenderer | null = null;

/** A message's Markdown as sanitised HTML (see createRenderer). */
export function renderMessageHtml(body: string): string {
  renderer ??= createRenderer();
  return renderer.render(body);
}
