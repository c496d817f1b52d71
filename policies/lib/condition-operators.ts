// An IAM condition operator split into its parts: the base test and the two qualifiers that change what a request
// without the key does (…IfExists passes it; ForAllValues: passes it too, being true of an empty set).
export interface ConditionOperator {
  /** The test without qualifiers, lower-case: "stringequals", "ipaddress", "null"… */
  base: string;
  ifExists: boolean;
  forAllValues: boolean;
}

/** IAM spells the set qualifiers ForAnyValue: and ForAllValues:; operators are case-insensitive. */
export function conditionOperator(op: string): ConditionOperator {
  const lower = op.toLowerCase();
  return {
    base: lower.replace(/^for(anyvalue|allvalues):/, "").replace(/ifexists$/, ""),
    ifExists: lower.endsWith("ifexists"),
    forAllValues: lower.startsWith("forallvalues:"),
  };
}
