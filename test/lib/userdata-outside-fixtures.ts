// What the user-data tests share for text from outside the script (a template, a download, a copy of a file the
// script did not write) written over sshd's configuration: each finding as its kind, `?` when unverifiable, and
// whether its note names where the text comes from, so a row asserts notes, never violations, and their reason.
import { findLoginWeaknesses } from "../../lib/userdata";

const OUTSIDE = "whose text comes from outside the script";

/** Each finding as `kind?` (unverifiable) or `kind`, ` from <from>` added when its note names `from` as outside. */
export const fromOutside = (text: string, from: string) =>
  findLoginWeaknesses(text)
    .map((w) => {
      const named = w.note !== undefined && w.note.includes(from) && w.note.endsWith(OUTSIDE);
      return `${w.kind}${w.unverifiable ? "?" : ""}${named ? ` from ${from}` : ""}`;
    })
    .sort();

/** What sshd's configuration replaced or extended with text from `from` gives: a note for each directive. */
export const sshdNotesFrom = (from: string) => [`password-authentication? from ${from}`, `root-login? from ${from}`];
