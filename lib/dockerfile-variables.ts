// A Dockerfile's ENV and ARG set variables that later RUN instructions expand: `ENV PA=yes` then
// `RUN echo "PasswordAuthentication $PA" >> /etc/ssh/sshd_config` writes the weakening line. They are handed to the
// script reader as the shell assignments they amount to (an ARG's default: a build may pass another value, as a
// parameter's default may be overridden). Arguments may be hostile: values are quoted back, never read as commands.
import { shellQuote } from "./userdata-words";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words outside quotes; a quoted stretch stays in its word. */
const WORDS = /(?:[^\s"'\\]|\\.|"(?:[^"\\]|\\.)*"?|'[^']*'?)+/g;

/** `export NAME=value …` for an ENV or ARG instruction's arguments; undefined when it sets nothing known. */
export function variableAssignments(keyword: "ENV" | "ARG", args: string): string | undefined {
  const words = args.match(WORDS) ?? [];
  const pairs: [string, string][] = [];
  // `ENV NAME value with spaces`: the legacy form, one variable, the rest of the line its value.
  const first = words[0];
  if (keyword === "ENV" && first !== undefined && !first.includes("=")) {
    const value = args.trim().slice(first.length).trim();
    if (NAME.test(first) && value !== "") pairs.push([first, unquoted(value)]);
  } else
    for (const word of words) {
      const at = word.indexOf("=");
      if (at > 0 && NAME.test(word.slice(0, at))) pairs.push([word.slice(0, at), unquoted(word.slice(at + 1))]);
    }
  if (pairs.length === 0) return undefined;
  return `export ${pairs.map(([name, value]) => `${name}=${shellQuote(value.replace(/[\x00-\x1f\x7f]/g, " "))}`).join(" ")}`;
}

/** The value as Docker reads it: quotes removed, a backslash keeping the character after it. */
function unquoted(text: string): string {
  let out = "";
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && quote !== "'" && i + 1 < text.length) out += text[++i];
    else if (quote === undefined && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = undefined;
    else out += c;
  }
  return out;
}
