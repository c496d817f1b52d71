// Resources as the engine sends them to a pack started over the analyzer protocol (engine/policy-host.ts).
import { UNKNOWN } from "../../lib/values";

/** An AWS security group ingress rule of an unknown group, TCP unless `inputs` says otherwise. */
export const sgRule = (name: string, inputs: Record<string, unknown>) => ({
  urn: `urn:pulumi:dev::hardening-kit::aws:ec2/securityGroupRule:SecurityGroupRule::${name}`,
  type: "aws:ec2/securityGroupRule:SecurityGroupRule",
  name,
  inputs: { type: "ingress", securityGroupId: UNKNOWN, protocol: "tcp", ...inputs },
});

/** SSH open to the whole internet: the case's first step. */
export const sshFromInternet = () => sgRule("ssh", { fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] });
