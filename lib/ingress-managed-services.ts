// Inbound rules that AWS services write on the instances they manage: the program never declares a security-group
// rule, yet the service opens the port from the value it is given (or from nothing at all).
import type { IngressEntry, IngressExtraction } from "./ingress";
import { ingressEntry, listField, protocolOf, range, Sources, sourcesOf } from "./ingress-fields";
import { parseCidr } from "./cidr";
import { awsRuleRange } from "./ports";
import { isUnknown, list, obj } from "./values";

const ANYWHERE: Sources = { cidrs: ["0.0.0.0/0"], unknownSource: false };

const tcpPort = (where: string, port: number, sources = ANYWHERE): IngressEntry =>
  ingressEntry({ where, action: "allow", range: { from: port, to: port }, protocol: "tcp" }, sources);

/**
 * `aws.eks.NodeGroup`: remoteAccess with an ec2SshKey but no sourceSecurityGroupIds makes EKS open port 22 (3389 on
 * Windows AMI types) on the nodes to 0.0.0.0/0. A key name unknown at preview is still a key.
 */
export function awsEksNodeGroupRemoteAccess(props: Record<string, unknown>): IngressExtraction {
  if (isUnknown(props.remoteAccess)) return { entries: [], unknownField: "remoteAccess" };
  const access = obj(list(props.remoteAccess)[0]);
  const key = access?.ec2SshKey;
  if (!access || key === undefined || key === null || key === "") return { entries: [] };
  const where = "remoteAccess (ec2SshKey without sourceSecurityGroupIds)";
  if (isUnknown(access.sourceSecurityGroupIds))
    return { entries: [tcpPort(where, 22, { cidrs: [], unknownSource: true })] };
  if (list(access.sourceSecurityGroupIds).length > 0) return { entries: [] };
  const ami = props.amiType;
  if (isUnknown(ami)) return { entries: [tcpPort(where, 22), tcpPort(where, 3389)] };
  const windows = typeof ami === "string" && ami.toUpperCase().startsWith("WINDOWS");
  return { entries: [tcpPort(where, windows ? 3389 : 22)] };
}

const BEANSTALK_NAMESPACE = "aws:autoscaling:launchconfiguration";

/**
 * Elastic Beanstalk environments and configuration templates: the SSHSourceRestriction option
 * ("protocol, fromPort, toPort, source") becomes the inbound rule of the instances' security group. A source that is
 * not a CIDR names a security group.
 */
export function awsBeanstalkSshRestriction(props: Record<string, unknown>): IngressExtraction {
  const items = listField(props, "settings");
  if (typeof items === "string") return { entries: [], unknownField: items };
  const entries: IngressEntry[] = [];
  items.forEach((raw, i) => {
    const s = obj(raw);
    if (!s || s.namespace !== BEANSTALK_NAMESPACE || s.name !== "SSHSourceRestriction") return;
    const where = `settings[${i}] (SSHSourceRestriction)`;
    if (isUnknown(s.value)) {
      entries.push(ingressEntry({ where, action: "allow", range: "unknown" }, { cidrs: [], unknownSource: true }));
      return;
    }
    const parts = typeof s.value === "string" ? s.value.split(",").map((p) => p.trim()) : [];
    if (parts.length !== 4) return; // Beanstalk rejects any other shape
    const [protocol, from, to, source] = parts;
    entries.push(
      ingressEntry(
        { where, action: "allow", range: range(awsRuleRange(protocol, from, to)), protocol: protocolOf(protocol) },
        sourcesOf(parseCidr(source) ? source : []),
      ),
    );
  });
  return { entries };
}

/**
 * Beanstalk gives instances launched with an EC2KeyName but no SSHSourceRestriction SSH open to 0.0.0.0/0. Settings
 * copied from elsewhere (`inheritedFrom`: an environment's templateName, a template's environmentId) may carry the
 * option, so only settings that stand alone count that default.
 */
function beanstalkSsh(props: Record<string, unknown>, inheritedFrom: string): IngressExtraction {
  const explicit = awsBeanstalkSshRestriction(props);
  const items = listField(props, "settings");
  if (typeof items === "string" || explicit.unknownField) return explicit;
  const setting = (name: string) => items.map(obj).find((s) => s?.namespace === BEANSTALK_NAMESPACE && s.name === name);
  const key = setting("EC2KeyName")?.value;
  const inherited = props[inheritedFrom];
  const inherits = inherited !== undefined && inherited !== null && inherited !== "";
  if (setting("SSHSourceRestriction") || inherits || key === undefined || key === null || key === "") return explicit;
  return { entries: [...explicit.entries, tcpPort("settings (EC2KeyName without SSHSourceRestriction)", 22)] };
}

/** `aws.elasticbeanstalk.Environment`: one built from a template (templateName) may take the option from it. */
export function awsBeanstalkEnvironmentSsh(props: Record<string, unknown>): IngressExtraction {
  return beanstalkSsh(props, "templateName");
}

/**
 * `aws.elasticbeanstalk.ConfigurationTemplate`: every environment launched from it without its own restriction gets
 * the template's opening; one copied from an environment (environmentId) may take the option from there.
 */
export function awsBeanstalkTemplateSsh(props: Record<string, unknown>): IngressExtraction {
  return beanstalkSsh(props, "environmentId");
}

/** `aws.gamelift.Fleet`: ec2InboundPermissions open ports on the fleet's instances ({fromPort, toPort, ipRange}). */
export function awsGameLiftInbound(props: Record<string, unknown>): IngressExtraction {
  const items = listField(props, "ec2InboundPermissions");
  if (typeof items === "string") return { entries: [], unknownField: items };
  return {
    entries: items.map((raw, i) => {
      const r = obj(raw) ?? {};
      return ingressEntry(
        {
          where: `ec2InboundPermissions[${i}]`,
          action: "allow",
          range: range(awsRuleRange(r.protocol, r.fromPort, r.toPort)),
          protocol: protocolOf(r.protocol),
        },
        isUnknown(raw) ? { cidrs: [], unknownSource: true } : sourcesOf(r.ipRange),
      );
    }),
  };
}
