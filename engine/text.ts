/** Removes terminal colour codes (child processes colour their errors even when piped). */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/** The first `lines` non-empty lines of a message, joined with " | ", without colour codes. */
export function excerpt(text: string, lines = 4): string {
  return stripAnsi(text)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, lines)
    .join(" | ");
}
