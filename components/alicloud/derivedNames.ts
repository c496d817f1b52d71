// Physical names Alibaba Cloud components build from their own name (see ../derivedNames.ts for why they are checked
// early), with each service's rule as the provider documents it. "Letter" includes non-Latin letters: Alibaba Cloud
// accepts Chinese characters where it accepts letters.
import { DerivedName, matches } from "../derivedNames";

export { checkDerivedNames } from "../derivedNames";

const NOT_A_URL = /^(?!https?:\/\/)/;

const plainName = (kind: string) => (value: string) => ({
  kind,
  value,
  valid: (v: string) => v.length >= 1 && v.length <= 128 && NOT_A_URL.test(v),
  rule: "1-128 characters, not starting with http:// or https://",
});

export const vpcName = plainName("VPC name");
export const vswitchName = plainName("vSwitch name");
export const networkAclName = plainName("network ACL name");

export const natGatewayName = (value: string): DerivedName => ({
  kind: "NAT gateway name",
  value,
  valid: matches(/^(?!https?:\/\/)[\p{L}\p{N}._](?:[\p{L}\p{N}._-]*[\p{L}\p{N}._])$/u, 128),
  rule: "2-128 letters, digits, '.', '_' or '-', not starting or ending with '-'",
});

export const eipName = (value: string): DerivedName => ({
  kind: "EIP name",
  value,
  valid: matches(/^\p{L}[\p{L}\p{N}._-]*$/u, 128),
  rule: "1-128 letters, digits, '.', '_' or '-', starting with a letter",
});

export const snatEntryName = (value: string): DerivedName => ({
  kind: "SNAT entry name",
  value,
  valid: matches(/^(?!https?:\/\/)\p{L}.+$/su, 128),
  rule: "2-128 characters, starting with a letter",
});

export const mirrorSessionName = (value: string): DerivedName => ({
  kind: "traffic mirror session name",
  value,
  valid: matches(/^\p{L}[\p{L}\p{N}_-]+$/u, 128),
  rule: "2-128 letters, digits, '_' or '-', starting with a letter",
});

export const autoSnapshotPolicyName = (value: string): DerivedName => ({
  kind: "automatic snapshot policy name",
  value,
  valid: matches(/^(?!https?:\/\/)\p{L}[\p{L}\p{N}:_-]+$/u, 128),
  rule: "2-128 letters, digits, ':', '_' or '-', starting with a letter",
});

export const slbAclName = (value: string): DerivedName => ({
  kind: "SLB access control list name",
  value,
  valid: matches(/^[\p{L}\p{N}./_-]+$/u, 80),
  rule: "1-80 letters, digits, '-', '/', '.' or '_'",
});
