// `echo … | base64 -d | bash`, `base64 -d <<< … > /etc/ssh/sshd_config.d/x.conf`: text a script carries encoded
// and decodes as it runs, a common way to ship (and to hide) a script or a file. What it decodes to is read as what
// it is written to, like any other written text.
import { ParsedCommand } from "./userdata-destinations";
import { base64Bytes, InflateBudget, textOf } from "./userdata-decode";
import { printedText, hereStrings } from "./userdata-printed";

/**
 * `base64 -d`, `base64 --decode` (and BSD's `-D`), alone or among other options; OpenSSL's `openssl base64 -d` and
 * `openssl enc -base64 -d` (`-a` for `-base64`).
 */
export function decodesBase64({ name, args }: ParsedCommand): boolean {
  if (name === "base64") return args.some((a) => a === "--decode" || /^-[a-zA-Z]*[dD]/.test(a));
  if (name !== "openssl" || !args.includes("-d")) return false;
  return args[0] === "base64" || (args[0] === "enc" && (args.includes("-base64") || args.includes("-a")));
}

/**
 * The encoded texts command i decodes: what the echo or printf piped into it prints, its here-strings. Its
 * here-documents are decoded where their bodies are read.
 */
export function encodedInputs(commands: ParsedCommand[], i: number): string[] {
  const texts = hereStrings(commands[i].words);
  const previous = commands[i - 1];
  if (commands[i].command.piped && previous) {
    const printed = printedText(previous.name, previous.args);
    if (printed !== undefined) texts.push(printed);
  }
  return texts;
}

/** The text base64 stands for (gzip inflated within the scan's budget), or undefined when it is not text. */
export function decodedText(encoded: string, budget: InflateBudget | undefined): string | undefined {
  const bytes = base64Bytes(encoded);
  return bytes && textOf(bytes, budget);
}
