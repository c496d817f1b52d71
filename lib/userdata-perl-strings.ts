// Perl's strings and replacements, as the one-liner reader needs them: a replacement put in sed's syntax (its groups
// and match as sed spells them, variables the program set to a string read, others unknown), a literal's text.
import { Token } from "./userdata-perl-lexer";

/**
 * A variable interpolated into a replacement, after its sigil: a group (`$1`, `${1}`), the match (`$&`), or one the
 * reader cannot know (a name, `${name}`, a punctuation variable, an array).
 */
const VARIABLE = new RegExp(
  [
    String.raw`\$(?:\{(\d{1,9})\}|(\d{1,9})|(&)|\{\^MATCH\})`,
    String.raw`\$(?:\{\w{0,64}\}|[A-Za-z_]\w{0,63}(?:::\w{1,64})*|[^\s\w\\])`,
    String.raw`@(?:[A-Za-z_]\w{0,63}|\{\w{0,64}\})`,
  ].join("|"),
  "y",
);

/**
 * A Perl replacement in sed's syntax: `$1`, `${1}` and `\1` a group, `$&` the match, a scalar the program set to a
 * string its value, other variables unknown (empty); a literal `&` escaped; case escapes (`\u`, `\L`…) dropped.
 * `interpolates` is false for `s'…'…'`.
 */
export function sedReplacement(replacement: string, interpolates: boolean, values: Map<string, string>): string {
  let out = "";
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === "\\") {
      const e = replacement[++i] ?? "\\";
      if (!"LUluEQ".includes(e)) out += `\\${e}`;
    } else if (c === "&") out += "\\&";
    else if (interpolates && (c === "$" || c === "@")) {
      VARIABLE.lastIndex = i;
      const m = VARIABLE.exec(replacement);
      if (!m) out += c;
      else {
        const group = Number(m[1] ?? m[2]);
        const value = values.get(m[0].replace(/^\$\{?|\}$/g, ""));
        if (m[3] !== undefined || m[0] === "${^MATCH}") out += "&";
        else if (group >= 1 && group <= 9) out += `\\${group}`;
        else if (value !== undefined) out += value.replace(/[\\&]/g, "\\$&");
        i += m[0].length - 1;
      }
    } else out += c;
  }
  return out;
}

/** Escapes a transliteration list reads as one character: their code, and how a Perl bracket spells them. */
const LIST_ESCAPES: Record<string, [number, string]> = {
  n: [10, "\\n"],
  t: [9, "\\t"],
  r: [13, "\\r"],
  f: [12, "\\f"],
  e: [27, "\\e"],
  a: [7, "\\a"],
};

/**
 * The characters of a `tr` list (`#`, `a-z`, `\-\\`) as a Perl bracket expression matching any one of them: what
 * `tr/LIST//d` deletes. Undefined for a list the reader does not read (other escapes: octal, `\x`, `\N`; a range
 * running backwards or into another, which Perl refuses) and for an empty one. One pass.
 */
export function transliterationClass(list: string): string | undefined {
  // Each member's code and spelling; `dash` for a `-` written bare, which makes a range between two members.
  const members: { code: number; spelt: string; dash: boolean }[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c !== "\\") {
      members.push({ code: c.charCodeAt(0), spelt: /\w/.test(c) ? c : `\\${c}`, dash: c === "-" });
      continue;
    }
    const e = list[++i] ?? "\\";
    const escape = LIST_ESCAPES[e];
    if (escape) members.push({ code: escape[0], spelt: escape[1], dash: false });
    else if (/[A-Za-z0-9]/.test(e)) return undefined;
    else members.push({ code: e.charCodeAt(0), spelt: `\\${e}`, dash: false });
  }
  let out = "";
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    const range = m.dash && i > 0 && i < members.length - 1;
    // `z-a` and `a-b-c` Perl refuses.
    if (range && (members[i - 1].code > members[i + 1].code || members[i + 2]?.dash)) return undefined;
    out += range ? "-" : m.spelt;
  }
  return out === "" ? undefined : `[${out}]`;
}

/** What a string literal holds, quotes and escapes read. */
export function stringValue(t: Extract<Token, { kind: "string" }>): string {
  return t.interpolates ? stringText(t.text) : t.text.replace(/\\([\\'])/g, "$1");
}

/** What a double-quoted string holds: `\n`, `\t` and escaped characters read, variables left as written. */
function stringText(text: string): string {
  return text.replace(/\\([^])/g, (_m, e: string) => (e === "n" ? "\n" : e === "t" ? "\t" : e));
}
