// Enumerated string settings compared without regard to case: the APIs name their values in one case, a value
// they reject never deploys, so accepting any case never lets an insecure setting through.

export const is = (v: unknown, want: string): boolean =>
  typeof v === "string" && v.toLowerCase() === want.toLowerCase();
