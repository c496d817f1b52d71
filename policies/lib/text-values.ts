// Enumerated string settings compared without regard to case: the APIs name their values in one case, a value
// they reject never deploys, so accepting any case never lets an insecure setting through.

export const is = (v: unknown, want: string): boolean =>
  typeof v === "string" && v.toLowerCase() === want.toLowerCase();

/**
 * A value as messages quote it, short whatever it holds; never throws (a user's object may carry a `toString` that
 * is not a function, which String() and template literals trip on).
 */
export function shown(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = typeof v;
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
