// A configuration mistake, reported with the policy, key, value and what is allowed.
export class PolicyConfigError extends Error {
  constructor(policy: string, key: string, value: unknown, allowed: string) {
    super(`policy '${policy}': config '${key}' = ${JSON.stringify(value)} is invalid; expected ${allowed}`);
    this.name = "PolicyConfigError";
  }
}
