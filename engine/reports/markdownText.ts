// Escaping for untrusted text (resource names, policy messages) placed in a GitHub-flavoured Markdown table cell.

/**
 * Neutralises what would break the table or render as markup: pipes, HTML, emphasis, links, code spans, and
 * @-mentions (which would notify people from a PR comment). Line breaks become <br>.
 */
export function markdownCell(text: string): string {
  return (
    text
      .replace(/\\/g, "\\\\")
      .replace(/([|`*_[\]~#!])/g, "\\$1")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // After the backslash escapes, so the entity's own `#` stays as written.
      .replace(/@/g, "&#64;")
      .replace(/\r?\n/g, "<br>")
  );
}

export function markdownTable(header: string[], rows: string[][], align: ("left" | "right")[] = []): string {
  const rule = header.map((_, i) => (align[i] === "right" ? "---:" : "---"));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
