// Custom VPC flow-log format carrying every field up to version 5, so the evidence shows packet-level source and
// destination behind NAT (pkt-srcaddr), the AWS service involved and the traffic path: what the case's responders needed.

/** Every flow-log field of versions 2 to 5, in AWS's documented order. */
export const FLOW_LOG_V5_FIELDS: readonly string[] = [
  "version",
  "account-id",
  "interface-id",
  "srcaddr",
  "dstaddr",
  "srcport",
  "dstport",
  "protocol",
  "packets",
  "bytes",
  "start",
  "end",
  "action",
  "log-status",
  "vpc-id",
  "subnet-id",
  "instance-id",
  "tcp-flags",
  "type",
  "pkt-srcaddr",
  "pkt-dstaddr",
  "region",
  "az-id",
  "sublocation-type",
  "sublocation-id",
  "pkt-src-aws-service",
  "pkt-dst-aws-service",
  "flow-direction",
  "traffic-path",
];

/** The `logFormat` string: `${field}` placeholders separated by spaces. */
export function flowLogFormat(fields: readonly string[] = FLOW_LOG_V5_FIELDS): string {
  return fields.map((f) => "${" + f + "}").join(" ");
}
