// One reading of a boolean setting for the rules and the network model alike: providers and hand-written programs
// send booleans as strings too, in any case, and Terraform's type conversion reads "1" and "0" for a bool field.

export function boolValue(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") return undefined;
  const text = v.trim().toLowerCase();
  if (text === "true" || text === "1") return true;
  return text === "false" || text === "0" ? false : undefined;
}
