// The text a command prints: echo's and printf's arguments, a here-string. Written to a boot script, it is the
// script's commands, read as such.
import { cEscapes } from "./userdata-escapes";
import { Word } from "./userdata-words";

/** What echo or printf prints, escapes read (dash's echo reads them too); undefined for other commands. */
export function printedText(name: string, args: string[]): string | undefined {
  if (name === "echo") {
    let first = 0;
    while (first < args.length && /^-[neE]+$/.test(args[first])) first++;
    return escapes(args.slice(first).join(" "));
  }
  if (name !== "printf") return undefined;
  const values = args.slice(1);
  let next = 0;
  const format = (args[0] ?? "").replace(/%[sb]/g, () => values[next++] ?? "");
  // Arguments the format did not take are printed again through it: each on a line of its own is near enough.
  return escapes([format, ...values.slice(next)].join("\n"));
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
