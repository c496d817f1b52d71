// One reading of scalar settings for the rules and the network model alike: providers and hand-written programs send
// booleans and numbers as strings too, booleans in any case, and Terraform's type conversion reads "1" and "0" for a
// bool field. Anything else (an unknown sentinel included) is no value.

export function boolValue(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") return undefined;
  const text = v.trim().toLowerCase();
  if (text === "true" || text === "1") return true;
  return text === "false" || text === "0" ? false : undefined;
}

/** A finite number, or a string holding one; NaN and the infinities are no value. */
export function numValue(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v !== "string" || v.trim() === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
