// Build documents run their steps one after another, each in a shell of its own (EC2 Image Builder steps, a
// Dockerfile's RUN instructions, Alibaba Cloud Image Builder tasks). Read one by one, a later step could not count
// against an earlier one: an Include that makes sshd read a file written before, or hardening restored after a
// drop-in was taken away. Read as one script, a step left unfinished (a here-document never closed, an open quote)
// would swallow the steps after it. So the steps are joined in order, each followed by lines that close whatever
// it may have left open, so the next begins as a fresh shell would.
import { hereDocuments } from "./userdata-heredoc";
import { shellWords, splitCommands } from "./userdata-words";
import { appendAll } from "./arrays";

/**
 * The steps as the scripts to read, normally one. A step opening a here-document the reader cannot be made to close
 * (a delimiter quoted with blanks around it) ends its script: the steps after it start another.
 */
export function scriptsInOrder(steps: readonly string[]): string[] {
  const scripts: string[] = [];
  let current: string[] = [];
  for (const step of steps) {
    const delimiters = openedDelimiters(step);
    current.push(step);
    appendAll(current, closingLines(delimiters));
    if (delimiters.some((d) => d !== d.trim())) {
      scripts.push(current.join("\n"));
      current = [];
    }
  }
  if (current.length > 0) scripts.push(current.join("\n"));
  return scripts;
}

/**
 * Lines that end what a step may leave open: a blank line ends a continued line, its here-documents' delimiters end
 * a document still open, a quote of either kind ends a quoted argument spread over lines, and the delimiters again
 * end a document that the line so ended opened. Where nothing is open they are lines of no effect.
 */
function closingLines(delimiters: readonly string[]): string[] {
  return ["", ...delimiters, "'", '"', ...delimiters];
}

/** The delimiters of the here-documents a step's lines open, each once, as the reader takes them. */
function openedDelimiters(step: string): string[] {
  const found = new Set<string>();
  for (const line of step.split(/\r?\n/))
    if (line.includes("<<"))
      for (const command of splitCommands(line))
        for (const document of hereDocuments(shellWords(command.text))) found.add(document.delimiter);
  return [...found];
}
