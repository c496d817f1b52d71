// Resources named in a message: a few by name and how many more, so a note stays short however many there are.
const MAX_NAMES = 3;

/** "login profile a", "login profiles a, b, c and 4 more". */
export function namedList(what: string, items: readonly { name: string }[]): string {
  const names = items.slice(0, MAX_NAMES).map((i) => i.name);
  const more = items.length > MAX_NAMES ? ` and ${items.length - MAX_NAMES} more` : "";
  return `${what}${items.length > 1 ? "s" : ""} ${names.join(", ")}${more}`;
}
