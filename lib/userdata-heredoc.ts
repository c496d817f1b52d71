// Here-documents: `cat > /etc/rc.local <<'EOF'` … `EOF`. Their lines are the text a command reads, not commands of
// the script, so they are read as what they are written to.
import { Word } from "./userdata-words";

export interface HereDocument {
  /** The word that ends the document, quotes removed. */
  delimiter: string;
  /** The delimiter is unquoted: the shell expands variables in the body. */
  expands: boolean;
}

/** What a command that opens no here-document returns: shared, as nearly every command does. */
const NONE: readonly HereDocument[] = [];

/** The here-documents a command opens (`<<WORD`, `<<-WORD`, `<<'WORD'`), in order; not here-strings (`<<<`). */
export function hereDocuments(words: Word[]): readonly HereDocument[] {
  let documents: HereDocument[] | undefined;
  for (let i = 0; i + 1 < words.length; i++) {
    const { op } = words[i];
    const delimiter = words[i + 1];
    if ((op === "<<" || op === "<<-") && !delimiter.op)
      (documents ??= []).push({ delimiter: delimiter.text, expands: delimiter.quoted !== true });
  }
  return documents ?? NONE;
}

/**
 * The lines of a document whose body starts at line `from`, and the index of its closing line (lines.length when
 * it never closes: the shell reads to the end). A line closes it when it is the delimiter, blanks around it aside:
 * ending a body early leaves its lines to be read as commands, which hides nothing.
 */
export function hereDocumentBody(
  lines: string[],
  from: number,
  document: HereDocument,
): { body: string[]; end: number } {
  let end = from;
  while (end < lines.length && lines[end].trim() !== document.delimiter) end++;
  return { body: lines.slice(from, end), end };
}
