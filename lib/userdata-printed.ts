// The text a command prints: echo's and printf's arguments, a here-string. Written to a boot script, it is the
// script's commands, read as such.
import type { ParsedCommand } from "./userdata-destinations";
import { cEscapes } from "./userdata-escapes";
import { Word } from "./userdata-words";

/** echo and printf, whose text is what they print. */
export function isPrinter(name: string): boolean {
  return name === "echo" || name === "printf";
}

/** What echo or printf prints, escapes read (dash's echo reads them too); undefined for other commands. */
export function printedText(name: string, args: string[]): string | undefined {
  if (name === "echo") {
    let first = 0;
    while (first < args.length && /^-[neE]+$/.test(args[first])) first++;
    return escapes(args.slice(first).join(" "));
  }
  if (name !== "printf") return undefined;
  // `printf -v NAME …` sets a variable and prints nothing; `--` ends the options, so a format may start with `-`.
  if (args[0] === "-v") return "";
  const operands = args[0] === "--" ? args.slice(1) : args;
  return escapes(formatted(operands[0] ?? "", operands.slice(1)));
}

/** What printf prints at most: a long format reused for many arguments grows no text without end. */
const MAX_PRINTED = 64 * 1024;
/** printf's conversions that take an argument each, read as text. */
const CONVERSION = /%[sb]/g;

/**
 * printf's format filled from `values`: used again while arguments are left (`printf "%s\n" a b` prints two lines),
 * once when it takes none. Past the bound the arguments left are added as they are, a line each: the format is not
 * repeated for them, but what they print is still read.
 */
function formatted(format: string, values: string[]): string {
  let text = "";
  let next = 0;
  for (;;) {
    const before = next;
    text += format.replace(CONVERSION, () => values[next++] ?? "");
    if (next === before || next >= values.length) return text;
    if (text.length > MAX_PRINTED) return `${text}\n${values.slice(next).join("\n")}\n`;
  }
}

/** The texts of a command's here-strings (`<<< "text"`). */
export function hereStrings(words: Word[]): string[] {
  const texts: string[] = [];
  for (let i = 0; i + 1 < words.length; i++)
    if (words[i].op === "<<<" && !words[i + 1].op) texts.push(words[i + 1].text);
  return texts;
}

/** echo -e's and printf's escapes (dash's echo reads them unasked): `\n`, `\t`, `\x20`, `\040`… */
function escapes(text: string): string {
  return cEscapes(text);
}

/**
 * The text a command reads when its line spells it: a here-string, or what the echo or printf before it (`previous`)
 * pipes to it.
 */
export function spelledInput(parsed: ParsedCommand, previous: ParsedCommand | undefined): string | undefined {
  const [here] = hereStrings(parsed.words);
  if (here !== undefined) return here;
  return parsed.command.piped && previous ? printedText(previous.name, previous.args) : undefined;
}
