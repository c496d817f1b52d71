// `--stack` as the Pulumi CLI reads it: `stack`, `org/stack` or `org/project/stack`, with the backends' name rules.
import { ConfigError } from "./config-error";

export interface StackReference {
  /** The stack's own name: it names Pulumi.<name>.yaml and goes into every URN. */
  name: string;
  organization?: string;
  project?: string;
}

// The Pulumi Cloud backend's rules (pkg/backend/httpstate): stack names and owners.
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const OWNER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-_]{1,38}[a-zA-Z0-9]$/;

export const isStackName = (name: string) => STACK_NAME.test(name);

/** Throws the CLI's reason when `name` cannot be a stack name (it would make malformed URNs and file names). */
export function validateStackName(name: string): void {
  if (name.length > 100) {
    throw new ConfigError(`invalid stack name: stack names must be less than 100 characters`);
  }
  if (!STACK_NAME.test(name)) {
    throw new ConfigError(
      `invalid stack name "${name}": stack names may only contain alphanumeric, hyphens, underscores, and periods`,
    );
  }
}

/**
 * Splits a stack reference the way the CLI's backends do. The project part, when given, must be the project's own
 * name: "provided project name ... doesn't match Pulumi.yaml", as the CLI says.
 */
export function parseStackReference(ref: string, projectName?: string): StackReference {
  if (ref === "") throw new ConfigError("stack name must not be empty");
  const parts = ref.split("/");
  if (parts.length > 3) {
    throw new ConfigError(
      `could not parse stack reference '${ref}': pass stack, organization/stack or organization/project/stack`,
    );
  }
  const name = parts[parts.length - 1];
  const organization = parts.length > 1 ? parts[0] : undefined;
  const project = parts.length === 3 ? parts[1] : undefined;
  if (organization !== undefined && !OWNER_NAME.test(organization)) {
    throw new ConfigError(
      `invalid stack owner "${organization}" in "${ref}": an organization name has 3 to 40 letters, digits, ` +
        `hyphens or underscores and starts and ends with a letter or digit`,
    );
  }
  if (project !== undefined && projectName !== undefined && project !== projectName) {
    throw new ConfigError(
      `provided project name "${project}" doesn't match Pulumi.yaml (name: ${projectName}): ` +
        `pass ${organization}/${projectName}/${name}, or just ${name}`,
    );
  }
  validateStackName(name);
  return { name, ...(organization ? { organization } : {}), ...(project ? { project } : {}) };
}
