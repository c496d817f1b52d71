// CloudFormation customer-managed prefix lists (AWS::EC2::PrefixList): a security-group rule naming one of the
// template's lists (SourcePrefixListId by Ref or Fn::GetAtt PrefixListId, inline or a separate SecurityGroupIngress)
// admits its entries, as a program's aws.ec2.ManagedPrefixList does. A list holding 0.0.0.0/0 or ::/0 opens SSH to
// the internet; one of private ranges does not; entries unknown at preview never hide an opening.
import { CFN_STACK, cfnNetwork, TemplateResources } from "./templates-fixtures";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { cfn, stack, templateTable } from "./templates-waf-harness";
import { ADMIN_PORTS } from "../../lib/ports";

const HOST = "template resource Web (AWS::EC2::Instance)";
const ref = (id: string) => ({ Ref: id });

const prefixList = (family: string, entries: unknown) => ({
  Type: "AWS::EC2::PrefixList",
  Properties: { PrefixListName: "admins", AddressFamily: family, MaxEntries: 5, Entries: entries },
});
const cidrs = (...all: string[]) => all.map((Cidr) => ({ Cidr, Description: "admin" }));

/** Ingress on `ports` (tcp, or `protocol`) from the list `source` names. */
const fromList = (source: unknown, ports: [number, number] = [22, 22], protocol = "tcp") => ({
  IpProtocol: protocol,
  FromPort: ports[0],
  ToPort: ports[1],
  SourcePrefixListId: source,
});

interface Plan {
  family?: string;
  entries: unknown;
  /** The group's inline rule, or none when `separate` adds it. */
  rule?: Record<string, unknown>;
  separate?: boolean;
  /** An IPv6 address on the instance, in a subnet routing ::/0 to the gateway. */
  ipv6?: boolean;
}

/** An instance with a public address (the default VPC, or the routed public subnet for IPv6) behind `WebSg`. */
function resources(p: Plan): TemplateResources {
  const rule = p.rule ?? fromList(ref("Pl"));
  const out: TemplateResources = {
    Pl: prefixList(p.family ?? "IPv4", p.entries),
    WebSg: {
      Type: "AWS::EC2::SecurityGroup",
      Properties: { GroupDescription: "web", SecurityGroupIngress: p.separate ? [] : [rule] },
    },
    Web: {
      Type: "AWS::EC2::Instance",
      Properties: {
        ImageId: "ami-1",
        SecurityGroupIds: [ref("WebSg")],
        ...(p.ipv6 ? { SubnetId: ref("Public"), Ipv6AddressCount: 1 } : {}),
      },
    },
  };
  if (p.separate) out.Ssh = { Type: "AWS::EC2::SecurityGroupIngress", Properties: { GroupId: ref("WebSg"), ...rule } };
  if (p.ipv6)
    Object.assign(out, cfnNetwork(false), {
      V6: {
        Type: "AWS::EC2::Route",
        Properties: { RouteTableId: ref("PublicRt"), DestinationIpv6CidrBlock: "::/0", GatewayId: ref("Igw") },
      },
    });
  return out;
}

/** One finding an administrative port (SSH, RDP, VNC, WinRM) when a rule spans them all. */
const ALL_ADMIN_PORTS = ADMIN_PORTS.length;

const UNDECIDED = { Parameters: { Admin: { Type: "String" } } };

const row = (name: string, p: Plan, violations: number, extra: Record<string, unknown> = {}) => ({
  name,
  resources: [stack(cfn(resources(p), extra))],
  violations,
  ...(violations > 0 ? { mentions: HOST } : {}),
});

describe("a template prefix list reads as the provider's ManagedPrefixList with inline entries", () => {
  it("maps the name, address family, size and each entry's Cidr", () => {
    const read = readTemplateResources(TEMPLATE_CONTAINERS.get(CFN_STACK)!, {
      templateBody: cfn(resources({ family: "IPv6", entries: cidrs("2001:db8::/32") })),
    }).resources.find((r) => r.logicalId === "Pl");
    expect(read).toMatchObject({
      type: "aws:ec2/managedPrefixList:ManagedPrefixList",
      props: { name: "admins", addressFamily: "IPv6", maxEntries: 5, entries: [{ cidr: "2001:db8::/32" }] },
    });
  });
});

describe("disallow-internet-admin-ports-except-bastions reads template prefix lists", () => {
  templateTable(disallowInternetAdminPortsExceptBastions, [
    row("SSH from a list holding 0.0.0.0/0 (SourcePrefixListId: Ref)", { entries: cidrs("0.0.0.0/0") }, 1),
    row(
      "the list named by Fn::GetAtt PrefixListId beside a private entry",
      { entries: cidrs("10.0.0.0/8", "0.0.0.0/0"), rule: fromList({ "Fn::GetAtt": ["Pl", "PrefixListId"] }) },
      1,
    ),
    row("a separate SecurityGroupIngress naming the list", { entries: cidrs("0.0.0.0/0"), separate: true }, 1),
    row(
      "a port range 0-65535 from the list",
      { entries: cidrs("0.0.0.0/0"), rule: fromList(ref("Pl"), [0, 65535]) },
      ALL_ADMIN_PORTS,
    ),
    row(
      "every protocol (-1) from the list",
      { entries: cidrs("0.0.0.0/0"), rule: fromList(ref("Pl"), [-1, -1], "-1") },
      ALL_ADMIN_PORTS,
    ),
    row(
      "an IPv6 list holding ::/0, to an instance with an IPv6 address",
      { family: "IPv6", entries: cidrs("::/0"), ipv6: true },
      1,
    ),
    row(
      "an entry from a parameter without a value: any address of the list's family",
      { entries: [{ Cidr: ref("Admin") }] },
      1,
      UNDECIDED,
    ),
    row("a list of private ranges only", { entries: cidrs("10.0.0.0/8", "192.168.0.0/16") }, 0),
    row("an IPv6 list of a unique local range only", { family: "IPv6", entries: cidrs("fd00::/8"), ipv6: true }, 0),
    row(
      "the list holding 0.0.0.0/0 but the rule on 443",
      { entries: cidrs("0.0.0.0/0"), rule: fromList(ref("Pl"), [443, 443]) },
      0,
    ),
    row(
      "a list outside the template, by id",
      { entries: cidrs("0.0.0.0/0"), rule: fromList("pl-0123456789abcdef0") },
      0,
    ),
  ]);
});
