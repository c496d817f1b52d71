// The worst case for the boot-script reader: every script of the stack different from every other (each gets a line
// naming its own resource), so no reading can be reused. Real stacks repeat scripts across the instances a component
// or launch template makes; this bounds what a stack that never does would cost.
import { b64 } from "./posture";
import { SyntheticResource } from "./resource";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The script with a line of its own: encoded again when it came base64-encoded. */
function ownScript(script: string, name: string): string {
  const encoded = BASE64.test(script);
  const text = encoded ? Buffer.from(script, "base64").toString("utf8") : script;
  const own = `${text}logger -t boot "${name} ready"\n`;
  return encoded ? b64(own) : own;
}

export function withDistinctScripts(resources: readonly SyntheticResource[]): SyntheticResource[] {
  return resources.map((r) =>
    typeof r.props.userData === "string"
      ? { ...r, props: { ...r.props, userData: ownScript(r.props.userData, r.name) } }
      : r,
  );
}
