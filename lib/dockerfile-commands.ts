// The command a Dockerfile instruction runs, as the shell text the script reader reads: RUN's as the image is built,
// CMD's, ENTRYPOINT's and HEALTHCHECK's once a container starts. One reading for all, so a command counts the same
// whichever instruction runs it. Arguments may be hostile: nothing here throws.
import { commandOfWords } from "./shell-invocations";

export interface HereDocument {
  name: string;
  /** `<<-`: leading tabs are stripped from the closing line. */
  chomp: boolean;
  body: string[];
}

export interface Instruction {
  keyword: string;
  /** The arguments, without the instruction's flags. */
  args: string;
  documents: HereDocument[];
  /** COPY's or ADD's `--from`: the stage, image or build context its sources are taken from. */
  from?: string;
}

/** `<<EOF`, `<<-EOF`, `2<<"EOF"`: a word of its own, as BuildKit finds here-documents. */
export const HERE_DOCUMENT_WORD = /^\d*<<(-?)([^<]+)$/;

/** `["sh", "-c", "…"]`: a JSON list of strings; anything else Docker runs with the shell, as written. */
export function execFormWords(args: string): string[] | undefined {
  if (!args.trimStart().startsWith("[")) return undefined;
  try {
    const words: unknown = JSON.parse(args);
    return Array.isArray(words) && words.every((w) => typeof w === "string") ? words : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The command an instruction runs: an exec form's words quoted back (a shell's inline script as itself), a shell
 * form as `/bin/sh -c` runs it. A here-document that is the whole command is the script; other here-documents are
 * what the command reads, kept after it as BuildKit hands them to the shell.
 */
export function commandScript({ args, documents }: Pick<Instruction, "args" | "documents">): string {
  const exec = execFormWords(args);
  if (exec) return commandOfWords(exec);
  const command = args.trim();
  if (documents.length === 1 && !documents[0].chomp && HERE_DOCUMENT_WORD.test(command) && !/\s/.test(command))
    return documents[0].body.join("\n");
  return [command, ...documents.flatMap((d) => [...d.body, d.name])].join("\n");
}

/** The words a command runs as: an exec form's, or a shell form's as Docker hands it to `/bin/sh -c`. */
export function commandWords(args: string): string[] {
  return execFormWords(args) ?? ["/bin/sh", "-c", args.trim()];
}
