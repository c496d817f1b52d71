// CloudFormation dynamic references (`{{resolve:secretsmanager:…}}`, `{{resolve:ssm-secure:…}}`, `{{resolve:ssm:…}}`):
// CloudFormation puts the stored value in their place at deployment, so the text the template holds is not the value.
import { UNKNOWN } from "../../../lib/values";

const DYNAMIC_REFERENCE = /\{\{resolve:[^}]*\}\}/;

/** The value as deployment sets it: text holding a dynamic reference is unknown at preview, anything else as is. */
export const resolvedAtDeployment = (v: unknown): unknown =>
  typeof v === "string" && DYNAMIC_REFERENCE.test(v) ? UNKNOWN : v;
