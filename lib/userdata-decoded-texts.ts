// The texts the user-data reader reads out of a value as documents of their own: the value's base64 (maybe gzip)
// decoding, MIME parts, a cloud-config's write_files contents (decoded as their encoding says) and commands, the text
// a script writes or runs (a here-document, an echo's output, what `base64 -d` or `xxd -r -p` decodes), the commands
// of a crontab or unit written, and so on through nested layers. The reader quotes lines of these texts, so a secret
// value's masking must know them. Found by the reader's own functions, run with a hook where the reader recurses:
// whatever the reader decodes, this finds, and no second decoder drifts from it. Windows user data, and a value that
// may be a Windows script, is read by the Windows reader too (windows-decoded-texts.ts), within the same budget.
import { bootCommands, bootScriptFormat } from "./userdata-boot-scripts";
import { isCloudConfig, scanCloudConfig, ScanText } from "./userdata-cloud-config";
import { base64Bytes, InflateBudget, textOf } from "./userdata-decode";
import { Findings } from "./userdata-findings";
import { mimeParts } from "./userdata-mime";
import { AS_CONFIG } from "./userdata-scan-context";
import { MatchBudget } from "./userdata-sed-regex";
import { scanLines } from "./userdata-shell";
import { windowsDecodedTexts } from "./windows-decoded-texts";

/** Layers followed: past the reader's own nesting limit, so every layer it reads is found. */
const MAX_LAYERS = 8;

export interface DecodedTexts {
  /** What the value decodes to whole, when it is base64 (maybe gzip) of text: the reader reads that, not the value. */
  whole?: string;
  /** The texts read apart from it, outermost first, each once. */
  nested: string[];
}

/**
 * The texts the reader reads out of `raw`. At most `maxChars` characters are decoded or handed on in all (gzip
 * inflated within that), and a value longer than that is not read, so hostile input (a gzip bomb, endless nesting,
 * a huge value) costs at most about twice that much reading, and the Windows reader's own readings of the value
 * (one for user data, one a language for a script; each bounded by that reader's nesting budget).
 */
export function decodedTexts(raw: string, maxChars: number): DecodedTexts {
  const { complete: _complete, ...texts } = decodedTextsWithin(raw, maxChars);
  return texts;
}

/**
 * The same, saying whether they are all the reader reads: false when the budget ran out (the value too long, its
 * inflating or its texts past `maxChars`), so that the caller may fall back on what the reader finds in the value.
 */
export function decodedTextsWithin(raw: string, maxChars: number): DecodedTexts & { complete: boolean } {
  const walk = new Walk(maxChars);
  // The reader decodes the value whole first (decodeUserData), then reads what it decodes to. Base64 is 4 characters
  // for 3 bytes: a longer value decodes past the cap whatever it holds.
  const bytes = raw.length <= (maxChars / 3) * 4 + 4 ? base64Bytes(raw) : undefined;
  const whole = bytes && textOf(bytes, walk.inflateBudget);
  if (whole === undefined) {
    if (raw.length <= maxChars) walk.readValue(raw);
    else walk.spent = true;
    return { nested: walk.found, complete: walk.complete() };
  }
  if (!walk.charge(whole)) return { nested: [], complete: false };
  walk.readValue(whole);
  return { whole, nested: walk.found, complete: walk.complete() };
}

/** One value's walk: the budgets its layers share, and the texts found so far. */
class Walk {
  readonly found: string[] = [];
  readonly inflateBudget: InflateBudget;
  private readonly matchBudget = new MatchBudget();
  private readonly seen = new Set<string>();
  private charsLeft: number;

  constructor(maxChars: number) {
    this.charsLeft = maxChars;
    this.inflateBudget = new InflateBudget(maxChars);
  }

  /** Whether a text was left unread: past the characters' budget, or gzip past the inflate budget. */
  spent = false;

  complete(): boolean {
    return !this.spent && this.inflateBudget.remaining > 0;
  }

  /** Counts `text` against the budget; false once it is spent. */
  charge(text: string): boolean {
    if (text.length > this.charsLeft) {
      this.charsLeft = 0;
      this.spent = true;
      return false;
    }
    this.charsLeft -= text.length;
    return true;
  }

  /** The value (decoded whole) as the readers take it: by the shell reader, and by the Windows reader too. */
  readValue(text: string): void {
    this.read(text, 0, false);
    windowsDecodedTexts(text, (found) => this.keep(found));
  }

  /** Keeps `text`, once, within the budget; false when it is not kept. */
  keep(text: string): boolean {
    if (text.trim() === "" || this.seen.has(text) || !this.charge(text)) return false;
    this.seen.add(text);
    this.found.push(text);
    return true;
  }

  /** A text the layer at `depth` hands on: kept and read in turn (with the commands it runs, in a boot file). */
  nested(text: string, depth: number, files: readonly string[] = [], cloudConfig = false): void {
    if (!this.keep(text) || depth + 1 >= MAX_LAYERS) return;
    for (const file of files) {
      const format = bootScriptFormat(file);
      if (format === "cloud-config") cloudConfig = true;
      else if (format !== undefined && format !== "shell") this.nested(bootCommands(format, text), depth + 1);
    }
    this.read(text, depth + 1, cloudConfig);
  }

  /** Reads `text` as the reader's Scan.userData does, handing each text it reads apart to `nested`. */
  read(text: string, depth: number, cloudConfig: boolean): void {
    const parts = mimeParts(text, this.inflateBudget);
    if (parts) {
      for (const part of parts) this.nested(part.text, depth, [], part.contentType === "text/cloud-config");
      return;
    }
    const inner: ScanText = (content, file) => this.nested(content, depth, file?.path ? [file.path] : []);
    const found = new Findings();
    if ((cloudConfig || isCloudConfig(text)) && scanCloudConfig(text, found, inner, this.inflateBudget)) return;
    scanLines(text, {
      found,
      reading: AS_CONFIG,
      matchBudget: this.matchBudget,
      inflateBudget: this.inflateBudget,
      written: (written, files) => this.nested(written, depth, files),
      user: undefined,
    });
  }
}
