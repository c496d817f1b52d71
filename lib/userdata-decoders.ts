// `echo … | base64 -d | bash`, `base64 -d <<< … > /etc/ssh/sshd_config.d/x.conf`, `xxd -r -p <<< HEX | sh`: text a
// script carries encoded and decodes as it runs, a common way to ship (and to hide) a script or a file. What it
// decodes to is read as what it is written to, like any other written text, whichever encoding carried it.
import { ParsedCommand } from "./userdata-destinations";
import { base64Bytes, InflateBudget, textOf } from "./userdata-decode";
import { printedText, hereStrings } from "./userdata-printed";

/** The bytes encoded text stands for, or undefined when it is not in the decoder's encoding. */
export type Decoder = (encoded: string) => Uint8Array | undefined;

/**
 * The decoder a command runs: `base64 -d`, `base64 --decode` (and BSD's `-D`), alone or among other options;
 * OpenSSL's `openssl base64 -d` and `openssl enc -base64 -d` (`-a` for `-base64`); `xxd -r -p` (plain hex, its
 * options in either order or bundled). Undefined for any other command.
 */
export function decoderOf({ name, args }: ParsedCommand): Decoder | undefined {
  if (name === "base64")
    return args.some((a) => a === "--decode" || /^-[a-zA-Z]*[dD]/.test(a)) ? base64Bytes : undefined;
  if (name === "xxd") return revertsPlainHex(args) ? hexBytes : undefined;
  if (name !== "openssl" || !args.includes("-d")) return undefined;
  const base64 = args[0] === "base64" || (args[0] === "enc" && (args.includes("-base64") || args.includes("-a")));
  return base64 ? base64Bytes : undefined;
}

/** xxd reads its options by prefix (`-r`, `-revert`; `-p`, `-ps`, `-plain`): both must be given, maybe as `-rp`. */
function revertsPlainHex(args: string[]): boolean {
  return args.some((a) => /^-p?r/.test(a)) && args.some((a) => /^-r?p/.test(a));
}

/** Hex digits, blanks and line breaks between them: what `xxd -r -p` turns back into bytes. */
const HEX = /^[0-9A-Fa-f\s]+$/;

/** The bytes plain hex stands for (an odd last digit is dropped, as xxd drops it); undefined when it is not hex. */
function hexBytes(encoded: string): Uint8Array | undefined {
  if (!HEX.test(encoded)) return undefined;
  const digits = encoded.replace(/\s+/g, "");
  return digits.length < 2 ? undefined : Buffer.from(digits.slice(0, digits.length - (digits.length % 2)), "hex");
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

/** The text encoded text stands for (gzip inflated within the scan's budget), or undefined when it is not text. */
export function decodedText(encoded: string, decoder: Decoder, budget: InflateBudget | undefined): string | undefined {
  const bytes = decoder(encoded);
  return bytes && textOf(bytes, budget);
}
