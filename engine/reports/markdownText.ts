// Escaping for untrusted text (resource names, policy messages) placed in a GitHub-flavoured Markdown table cell.

/** Longest cell text kept: one hostile name must not use up a comment's 65,536 characters. */
export const MAX_CELL_CHARS = 500;

// Every C0 control but tab and the line breaks (handled apart), and DEL.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/** The first `max` UTF-16 units of a text, never splitting a surrogate pair, marked with an ellipsis when cut. */
function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/**
 * Neutralises what would break the table or render as markup: pipes, HTML, emphasis, links, code spans, and
 * @-mentions (which would notify people from a PR comment). Line breaks (CRLF, LF or a lone CR, which GitHub also
 * breaks rows on) become <br>; other control characters show as their Unicode control pictures.
 */
export function markdownCell(text: string, maxChars = MAX_CELL_CHARS): string {
  return (
    shortened(text, maxChars)
      .replace(/\\/g, "\\\\")
      .replace(/([|`*_[\]~#!])/g, "\\$1")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // After the backslash escapes, so the entity's own `#` stays as written.
      .replace(/@/g, "&#64;")
      .replace(/\r\n|\r|\n/g, "<br>")
      .replace(CONTROL, (ch) => String.fromCharCode(ch === "\x7f" ? 0x2421 : 0x2400 + ch.charCodeAt(0)))
  );
}

export function markdownTable(header: string[], rows: string[][], align: ("left" | "right")[] = []): string {
  const rule = header.map((_, i) => (align[i] === "right" ? "---:" : "---"));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
