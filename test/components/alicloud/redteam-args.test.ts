// Hostile and mistaken arguments to every Alibaba Cloud component, as TypeScript or plain-JavaScript callers pass
// them. A bad argument must end in one ValidationError naming it and its value, before any child is registered;
// an explicit weakening must be announced; a good argument must pass untouched.
import { childrenOf, ofType, options, recordOptions, recorded, settle } from "./mocks";
import { AuditTrail } from "../../../components/alicloud";
import {
  ALB_LISTENER_ATTACHMENT,
  ALB_LISTENER_ID,
  Args,
  Kind,
  aPromise,
  adminSources,
  adminSourcesThatFit,
  albLockedFirewall,
  anOutput,
  construct,
  freshName,
  listenerRegion,
  notAProvider,
  problemsOf,
  publicPortsThatFit,
  validArgs,
  warningsOf,
  webPorts,
} from "./redteam-fixtures";
import { WebFirewall } from "../../../components/alicloud";
import { MIRROR_ALL } from "../../../components/alicloud/trafficForensics";
import { SCANNER_USER_AGENTS } from "../../../components/plan/scanners";
import { assertZonesInRegion, regionOfZone } from "../../../components/alicloud/zones";
import { createWormBucket } from "../../../components/alicloud/wormBucket";
import { createLogSink } from "../../../components/alicloud/logSink";
import { ComponentResource } from "@pulumi/pulumi";
import { checkPlain, HiddenValue, Problems, UnresolvedValue } from "../../../components/validation";

/** What a problem's value is when an Output or Promise was given (the same on both clouds). */
const OUTPUT = expect.objectContaining({ kind: "pulumi.Output", constructor: UnresolvedValue });
const PROMISE = expect.objectContaining({ kind: "Promise", constructor: UnresolvedValue });
const tcp22 = { ...MIRROR_ALL, protocol: "TCP", destinationPortRange: "22/22", sourcePortRange: "1/65535" };
// More /32s than the 18 tag values left beside the component's own tags can hold (seven to a 128-character value).
const manyCidrs = Array.from({ length: 127 }, (_, i) => `198.51.100.${100 + i}/32`);
/** Alibaba Cloud's default network ACL entry quota, per direction and family; no maximum is documented. */
const DEFAULT_ACL_QUOTA = 20;
const fitV4 = (quota: number, ports?: number) => adminSourcesThatFit(quota, "IPv4", ports);
const fitV6 = (quota: number) => adminSourcesThatFit(quota, "IPv6");
const overDefaultV4 = adminSources(fitV4(DEFAULT_ACL_QUOTA) + 1, "IPv4");
const overDefaultV6 = [...adminSources(1, "IPv4"), ...adminSources(fitV6(DEFAULT_ACL_QUOTA) + 1, "IPv6")];
const overDefaultPorts = webPorts(publicPortsThatFit(DEFAULT_ACL_QUOTA) + 1);
const overRaisedV4 = adminSources(fitV4(30) + 1, "IPv4");

/** [component, probe, arguments changed from the valid set, [argument, value] pairs the error must name]. */
type BadRow = [Kind, string, Args, [string, unknown][]];

const badRows: BadRow[] = [
  // HardenedVpc
  ["HardenedVpc", "cidrBlock with trailing space", { cidrBlock: "10.0.0.0/16 " }, [["cidrBlock", "10.0.0.0/16 "]]],
  ["HardenedVpc", "cidrBlock with host bits", { cidrBlock: "10.0.0.1/16" }, [["cidrBlock", "10.0.0.1/16"]]],
  ["HardenedVpc", "cidrBlock as a number", { cidrBlock: 167772160 }, [["cidrBlock", 167772160]]],
  ["HardenedVpc", "cidrBlock in IPv6", { cidrBlock: "fd00::/48" }, [["cidrBlock", "fd00::/48"]]],
  ["HardenedVpc", "cidrBlock reserved", { cidrBlock: "100.64.0.0/16" }, [["cidrBlock", "100.64.0.0/16"]]],
  ["HardenedVpc", "cidrBlock as Output", { cidrBlock: anOutput("10.0.0.0/16") }, [["cidrBlock", OUTPUT]]],
  ["HardenedVpc", "zoneCount as string", { zoneCount: "3" }, [["zoneCount", "3"]]],
  ["HardenedVpc", "zoneCount NaN", { zoneCount: NaN }, [["zoneCount", NaN]]],
  ["HardenedVpc", "zoneCount Infinity", { zoneCount: Infinity }, [["zoneCount", Infinity]]],
  ["HardenedVpc", "zoneCount 0", { zoneCount: 0 }, [["zoneCount", 0]]],
  ["HardenedVpc", "zoneCount fractional", { zoneCount: 2.5 }, [["zoneCount", 2.5]]],
  ["HardenedVpc", "zoneCount as Promise", { zoneCount: aPromise(2) }, [["zoneCount", PROMISE]]],
  ["HardenedVpc", "zones as a string", { zones: "cn-hangzhou-h" }, [["zones", "cn-hangzhou-h"]]],
  ["HardenedVpc", "zones empty", { zones: [] }, [["zones", []]]],
  ["HardenedVpc", "zone not a zone id", { zones: ["hangzhou"] }, [["zones[0]", "hangzhou"]]],
  [
    "HardenedVpc",
    "zones of two regions",
    { zones: ["cn-hangzhou-h", "cn-shanghai-b"] },
    [["zones[1]", "cn-shanghai-b"]],
  ],
  ["HardenedVpc", "zoneCount disagrees with zones", { zones: ["cn-hangzhou-h"], zoneCount: 2 }, [["zoneCount", 2]]],
  ["HardenedVpc", "publicPrefix as string", { publicPrefix: "24" }, [["publicPrefix", "24"]]],
  ["HardenedVpc", "privatePrefix broader than VPC", { privatePrefix: 8 }, [["privatePrefix", 8]]],
  ["HardenedVpc", "natGateway as string", { natGateway: "false" }, [["natGateway", "false"]]],
  ["HardenedVpc", "enableIpv6 as number", { enableIpv6: 1 }, [["enableIpv6", 1]]],
  ["HardenedVpc", "admin source internet", { adminSourceCidrs: ["0.0.0.0/0"] }, [["adminSourceCidrs[0]", "0.0.0.0/0"]]],
  [
    "HardenedVpc",
    "admin sources split internet",
    { adminSourceCidrs: ["0.0.0.0/1", "128.0.0.0/1"] },
    [
      ["adminSourceCidrs[0]", "0.0.0.0/1"],
      ["adminSourceCidrs[1]", "128.0.0.0/1"],
    ],
  ],
  [
    "HardenedVpc",
    "admin source ::/0",
    { enableIpv6: true, adminSourceCidrs: ["::/0"] },
    [["adminSourceCidrs[0]", "::/0"]],
  ],
  [
    "HardenedVpc",
    "admin source IPv6 without IPv6",
    { adminSourceCidrs: ["2001:db8::/64"] },
    [["adminSourceCidrs[0]", "2001:db8::/64"]],
  ],
  [
    "HardenedVpc",
    "admin source host bits",
    { adminSourceCidrs: ["203.0.113.5/24"] },
    [["adminSourceCidrs[0]", "203.0.113.5/24"]],
  ],
  [
    "HardenedVpc",
    "admin source leading zero",
    { adminSourceCidrs: ["203.0.113.010/32"] },
    [["adminSourceCidrs[0]", "203.0.113.010/32"]],
  ],
  [
    "HardenedVpc",
    "admin source duplicate",
    { adminSourceCidrs: ["203.0.113.0/28", "203.0.113.0/28"] },
    [["adminSourceCidrs[1]", "203.0.113.0/28"]],
  ],
  [
    "HardenedVpc",
    "admin sources as a string",
    { adminSourceCidrs: "203.0.113.0/28" },
    [["adminSourceCidrs", "203.0.113.0/28"]],
  ],
  ["HardenedVpc", "admin sources as a number", { adminSourceCidrs: 5 }, [["adminSourceCidrs", 5]]],
  [
    "HardenedVpc",
    "admin source broad public",
    { adminSourceCidrs: ["8.0.0.0/8"] },
    [["adminSourceCidrs[0]", "8.0.0.0/8"]],
  ],
  [
    "HardenedVpc",
    "admin source as Output",
    { adminSourceCidrs: [anOutput("203.0.113.0/28")] },
    [["adminSourceCidrs[0]", OUTPUT]],
  ],
  ["HardenedVpc", "public port as string", { publicTcpPorts: ["443"] }, [["publicTcpPorts[0]", "443"]]],
  ["HardenedVpc", "public port SSH", { publicTcpPorts: [22] }, [["publicTcpPorts[0]", 22]]],
  ["HardenedVpc", "public port MySQL", { publicTcpPorts: [3306] }, [["publicTcpPorts[0]", 3306]]],
  ["HardenedVpc", "public port duplicate", { publicTcpPorts: [443, 443] }, [["publicTcpPorts[1]", 443]]],
  ["HardenedVpc", "public port 65536", { publicTcpPorts: [65536] }, [["publicTcpPorts[0]", 65536]]],
  ["HardenedVpc", "public ports not a list", { publicTcpPorts: 443 }, [["publicTcpPorts", 443]]],
  ["HardenedVpc", "flow log retention 179", { flowLogRetentionDays: 179 }, [["flowLogRetentionDays", 179]]],
  ["HardenedVpc", "flow log retention string", { flowLogRetentionDays: "365" }, [["flowLogRetentionDays", "365"]]],
  ["HardenedVpc", "flow log retention 3651", { flowLogRetentionDays: 3651 }, [["flowLogRetentionDays", 3651]]],
  ["HardenedVpc", "flow log retention NaN", { flowLogRetentionDays: NaN }, [["flowLogRetentionDays", NaN]]],
  [
    "HardenedVpc",
    "project name upper case",
    { flowLogProjectName: "Acme-Flow" },
    [["flowLogProjectName", "Acme-Flow"]],
  ],
  [
    "HardenedVpc",
    "project name 64 chars",
    { flowLogProjectName: "a".repeat(64) },
    [["flowLogProjectName", "a".repeat(64)]],
  ],
  ["HardenedVpc", "logstore name with space", { flowLogStoreName: "vpc flow" }, [["flowLogStoreName", "vpc flow"]]],
  [
    "HardenedVpc",
    "tag in the kit's namespace",
    { tags: { "hardening:evidence": "false" } },
    [["tags.hardening:evidence", "hardening:evidence"]],
  ],
  ["HardenedVpc", "tag value a number", { tags: { team: 1 } }, [["tags.team", new HiddenValue("a number")]]],
  [
    "HardenedVpc",
    "tag value too long: shown by its length",
    { tags: { team: "s3cr3t-".repeat(20) } },
    [["tags.team", new HiddenValue("a string of 140 characters")]],
  ],
  ["HardenedVpc", "tags as a string", { tags: "team=ops" }, [["tags", "team=ops"]]],
  ["HardenedVpc", "misspelled key", { enableIPv6: true }, [["enableIPv6", true]]],
  ["HardenedVpc", "naclRuleQuota 19, one below the default", { naclRuleQuota: 19 }, [["naclRuleQuota", 19]]],
  ["HardenedVpc", "naclRuleQuota 0", { naclRuleQuota: 0 }, [["naclRuleQuota", 0]]],
  ["HardenedVpc", "naclRuleQuota -20", { naclRuleQuota: -20 }, [["naclRuleQuota", -20]]],
  ["HardenedVpc", "naclRuleQuota as string", { naclRuleQuota: "40" }, [["naclRuleQuota", "40"]]],
  ["HardenedVpc", "naclRuleQuota fractional", { naclRuleQuota: 20.5 }, [["naclRuleQuota", 20.5]]],
  ["HardenedVpc", "naclRuleQuota NaN", { naclRuleQuota: NaN }, [["naclRuleQuota", NaN]]],
  ["HardenedVpc", "naclRuleQuota Infinity", { naclRuleQuota: Infinity }, [["naclRuleQuota", Infinity]]],
  ["HardenedVpc", "naclRuleQuota beyond safe integers", { naclRuleQuota: 2 ** 53 }, [["naclRuleQuota", 2 ** 53]]],
  ["HardenedVpc", "naclRuleQuota as boolean", { naclRuleQuota: true }, [["naclRuleQuota", true]]],
  ["HardenedVpc", "naclRuleQuota null", { naclRuleQuota: null }, [["naclRuleQuota", null]]],
  ["HardenedVpc", "naclRuleQuota as Output", { naclRuleQuota: anOutput(40) }, [["naclRuleQuota", OUTPUT]]],
  ["HardenedVpc", "naclRuleQuota as Promise", { naclRuleQuota: aPromise(40) }, [["naclRuleQuota", PROMISE]]],
  [
    "HardenedVpc",
    "one IPv4 admin source past the default ACL quota",
    { adminSourceCidrs: overDefaultV4 },
    [["adminSourceCidrs", overDefaultV4]],
  ],
  [
    "HardenedVpc",
    "one IPv6 admin source past the default ACL quota",
    { enableIpv6: true, adminSourceCidrs: overDefaultV6 },
    [["adminSourceCidrs", overDefaultV6]],
  ],
  [
    "HardenedVpc",
    "one IPv4 admin source past a quota raised to 30",
    { naclRuleQuota: 30, adminSourceCidrs: overRaisedV4 },
    [["adminSourceCidrs", overRaisedV4]],
  ],
  [
    "HardenedVpc",
    "one public port past the default ACL quota",
    { publicTcpPorts: overDefaultPorts },
    [["publicTcpPorts", overDefaultPorts]],
  ],
  [
    "HardenedVpc",
    "ports past the ACL quota with a few admin sources: the ports are blamed",
    { publicTcpPorts: overDefaultPorts, adminSourceCidrs: adminSources(2, "IPv4") },
    [["publicTcpPorts", overDefaultPorts]],
  ],
  [
    "HardenedVpc",
    "naclRuleQuota, admin sources and retention bad at once",
    { naclRuleQuota: 2.5, adminSourceCidrs: overDefaultV4, flowLogRetentionDays: 30 },
    [
      ["naclRuleQuota", 2.5],
      ["adminSourceCidrs", overDefaultV4],
      ["flowLogRetentionDays", 30],
    ],
  ],

  // Bastion
  ["Bastion", "no allow-list", { allowedCidrs: undefined }, [["allowedCidrs", undefined]]],
  ["Bastion", "empty allow-list", { allowedCidrs: [] }, [["allowedCidrs", []]]],
  ["Bastion", "internet", { allowedCidrs: ["0.0.0.0/0"] }, [["allowedCidrs[0]", "0.0.0.0/0"]]],
  ["Bastion", "IPv6 internet", { allowedCidrs: ["::/0"] }, [["allowedCidrs[0]", "::/0"]]],
  [
    "Bastion",
    "IPv6 internet split",
    { allowedCidrs: ["::/1", "8000::/1"] },
    [
      ["allowedCidrs[0]", "::/1"],
      ["allowedCidrs[1]", "8000::/1"],
    ],
  ],
  [
    "Bastion",
    "host bits widen the rule",
    { allowedCidrs: ["203.0.113.9/24"] },
    [["allowedCidrs[0]", "203.0.113.9/24"]],
  ],
  ["Bastion", "leading whitespace", { allowedCidrs: [" 203.0.113.0/28"] }, [["allowedCidrs[0]", " 203.0.113.0/28"]]],
  ["Bastion", "not a CIDR", { allowedCidrs: ["office"] }, [["allowedCidrs[0]", "office"]]],
  [
    "Bastion",
    "duplicate source",
    { allowedCidrs: ["203.0.113.0/28", "203.0.113.0/28"] },
    [["allowedCidrs[1]", "203.0.113.0/28"]],
  ],
  ["Bastion", "allow-list as Output", { allowedCidrs: anOutput(["203.0.113.0/28"]) }, [["allowedCidrs", OUTPUT]]],
  [
    "Bastion",
    "allow-list needing more tags than remain",
    { allowedCidrs: manyCidrs },
    [["allowedCidrs", `${manyCidrs.length} blocks`]],
  ],
  ["Bastion", "no key pair", { keyName: undefined }, [["keyName", undefined]]],
  ["Bastion", "empty key pair", { keyName: "" }, [["keyName", ""]]],
  ["Bastion", "empty vpcId", { vpcId: "" }, [["vpcId", ""]]],
  ["Bastion", "bandwidth as string", { internetMaxBandwidthOut: "5" }, [["internetMaxBandwidthOut", "5"]]],
  ["Bastion", "bandwidth 0", { internetMaxBandwidthOut: 0 }, [["internetMaxBandwidthOut", 0]]],
  ["Bastion", "disk size as string", { systemDiskSize: "40" }, [["systemDiskSize", "40"]]],
  ["Bastion", "disk size 10", { systemDiskSize: 10 }, [["systemDiskSize", 10]]],
  ["Bastion", "disk size 501", { systemDiskSize: 501 }, [["systemDiskSize", 501]]],
  ["Bastion", "password", { password: "Hunter2!" }, [["password", "(secret)"]]],
  ["Bastion", "image password", { passwordInherit: true }, [["passwordInherit", true]]],
  ["Bastion", "root login", { allowUsers: ["root"] }, [["allowUsers[0]", "root"]]],
  ["Bastion", "users as a string", { allowUsers: "ecs-user" }, [["allowUsers", "ecs-user"]]],
  ["Bastion", "empty imageId", { imageId: "" }, [["imageId", ""]]],
  ["Bastion", "kit tag overridden", { tags: { "hardening:role": "web" } }, [["tags.hardening:role", "hardening:role"]]],
  ["Bastion", "misspelled allow-list", { allowedCidr: ["203.0.113.0/28"] }, [["allowedCidr", ["203.0.113.0/28"]]]],

  // WebFirewall
  ["WebFirewall", "no domains", { domains: [] }, [["domains", []]]],
  ["WebFirewall", "null domain", { domains: [null] }, [["domains[0]", null]]],
  ["WebFirewall", "domains as a string", { domains: "www.example.com" }, [["domains", "www.example.com"]]],
  [
    "WebFirewall",
    "upper-case host",
    { domains: [{ domain: "WWW.example.com", backends: ["198.51.100.9"] }] },
    [["domains[0].domain", "WWW.example.com"]],
  ],
  [
    "WebFirewall",
    "domain as Output",
    { domains: [{ domain: anOutput("www.example.com"), backends: ["198.51.100.9"] }] },
    [["domains[0].domain", OUTPUT]],
  ],
  [
    "WebFirewall",
    "duplicate domain",
    {
      domains: [
        { domain: "www.example.com", backends: ["198.51.100.9"] },
        { domain: "www.example.com", backends: ["198.51.100.9"] },
      ],
    },
    [["domains[1].domain", "www.example.com"]],
  ],
  [
    "WebFirewall",
    "backends as a string",
    { domains: [{ domain: "www.example.com", backends: "198.51.100.9" }] },
    [["domains[0].backends", "198.51.100.9"]],
  ],
  [
    "WebFirewall",
    "empty backend",
    { domains: [{ domain: "www.example.com", backends: [""] }] },
    [["domains[0].backends[0]", ""]],
  ],
  [
    "WebFirewall",
    "https without certificate",
    { domains: [{ domain: "www.example.com", backends: ["198.51.100.9"], httpsPorts: [443] }] },
    [["domains[0].certId", undefined]],
  ],
  [
    "WebFirewall",
    "https port as string",
    { domains: [{ domain: "www.example.com", backends: ["198.51.100.9"], httpsPorts: ["443"], certId: "c-1" }] },
    [["domains[0].httpsPorts[0]", "443"]],
  ],
  [
    "WebFirewall",
    "no listener at all",
    { domains: [{ domain: "www.example.com", backends: ["198.51.100.9"], httpPorts: [] }] },
    [["domains[0].httpPorts", []]],
  ],
  [
    "WebFirewall",
    "same port http and https",
    { domains: [{ domain: "www.example.com", backends: ["198.51.100.9"], httpPorts: [443], certId: "c-1" }] },
    [["domains[0].httpsPorts", [443]]],
  ],
  [
    "WebFirewall",
    "misspelled certId",
    { domains: [{ domain: "www.example.com", backends: ["198.51.100.9"], certID: "c-1" }] },
    [["domains[0].certID", "c-1"]],
  ],
  ["WebFirewall", "no User-Agent blocks", { blockedUserAgents: [] }, [["blockedUserAgents", []]]],
  [
    "WebFirewall",
    "User-Agent with comma",
    { blockedUserAgents: ["sqlmap,nikto"] },
    [["blockedUserAgents[0]", "sqlmap,nikto"]],
  ],
  [
    "WebFirewall",
    "User-Agent duplicate",
    { blockedUserAgents: ["sqlmap", "sqlmap"] },
    [["blockedUserAgents[1]", "sqlmap"]],
  ],
  [
    "WebFirewall",
    "rate threshold as string",
    { rateLimit: { threshold: "1000", intervalSeconds: 60, blockSeconds: 600 } },
    [["rateLimit.threshold", "1000"]],
  ],
  ["WebFirewall", "rate limit partial", { rateLimit: { threshold: 1000 } }, [["rateLimit.intervalSeconds", undefined]]],
  ["WebFirewall", "WAF log retention 90", { logRetentionDays: 90 }, [["logRetentionDays", 90]]],
  ["WebFirewall", "log collection as string", { manageLogCollection: "false" }, [["manageLogCollection", "false"]]],
  ["WebFirewall", "empty instanceId", { instanceId: "" }, [["instanceId", ""]]],

  // TrafficForensics
  ["TrafficForensics", "resource type lower case", { flowLogResourceType: "vpc" }, [["flowLogResourceType", "vpc"]]],
  ["TrafficForensics", "no flow log resource", { flowLogResourceId: "" }, [["flowLogResourceId", ""]]],
  ["TrafficForensics", "no ENIs", { sourceEniIds: [] }, [["sourceEniIds", []]]],
  ["TrafficForensics", "duplicate ENI", { sourceEniIds: ["eni-a", "eni-a"] }, [["sourceEniIds[1]", "eni-a"]]],
  ["TrafficForensics", "empty ENI", { sourceEniIds: [""] }, [["sourceEniIds[0]", ""]]],
  ["TrafficForensics", "target type misspelled", { target: { type: "ENI", id: "eni-s" } }, [["target.type", "ENI"]]],
  ["TrafficForensics", "target without id", { target: { type: "SLB" } }, [["target.id", undefined]]],
  ["TrafficForensics", "rules not a list", { ingressRules: MIRROR_ALL }, [["ingressRules", MIRROR_ALL]]],
  ["TrafficForensics", "null rule", { ingressRules: [null] }, [["ingressRules[0]", null]]],
  [
    "TrafficForensics",
    "protocol lower case",
    { ingressRules: [{ ...MIRROR_ALL, protocol: "tcp" }] },
    [["ingressRules[0].protocol", "tcp"]],
  ],
  [
    "TrafficForensics",
    "source CIDR with space",
    { ingressRules: [{ ...MIRROR_ALL, sourceCidrBlock: "0.0.0.0/0 " }] },
    [["ingressRules[0].sourceCidrBlock", "0.0.0.0/0 "]],
  ],
  [
    "TrafficForensics",
    "IPv6 in an IPv4 filter",
    { egressRules: [{ ...MIRROR_ALL, destinationCidrBlock: "::/0" }] },
    [["egressRules[0].destinationCidrBlock", "::/0"]],
  ],
  [
    "TrafficForensics",
    "bare address",
    { ingressRules: [{ ...MIRROR_ALL, sourceCidrBlock: "10.0.0.1" }] },
    [["ingressRules[0].sourceCidrBlock", "10.0.0.1"]],
  ],
  [
    "TrafficForensics",
    "ports with ALL",
    { ingressRules: [{ ...MIRROR_ALL, sourcePortRange: "22/22" }] },
    [["ingressRules[0].sourcePortRange", "22/22"]],
  ],
  [
    "TrafficForensics",
    "port range with a dash",
    { ingressRules: [{ ...tcp22, destinationPortRange: "22-22" }] },
    [["ingressRules[0].destinationPortRange", "22-22"]],
  ],
  [
    "TrafficForensics",
    "port range reversed",
    { ingressRules: [{ ...tcp22, destinationPortRange: "23/22" }] },
    [["ingressRules[0].destinationPortRange", "23/22"]],
  ],
  [
    "TrafficForensics",
    "priority 11",
    { ingressRules: [{ ...MIRROR_ALL, priority: 11 }] },
    [["ingressRules[0].priority", 11]],
  ],
  [
    "TrafficForensics",
    "priority as string",
    { ingressRules: [{ ...MIRROR_ALL, priority: "1" }] },
    [["ingressRules[0].priority", "1"]],
  ],
  [
    "TrafficForensics",
    "priorities repeated",
    { ingressRules: [MIRROR_ALL, { ...tcp22, priority: 1 }] },
    [["ingressRules[1].priority", 1]],
  ],
  [
    "TrafficForensics",
    "action misspelled",
    { ingressRules: [{ ...MIRROR_ALL, action: "allow" }] },
    [["ingressRules[0].action", "allow"]],
  ],
  [
    "TrafficForensics",
    "rule carries a filter id",
    { ingressRules: [{ ...MIRROR_ALL, trafficMirrorFilterId: "tmf-other" }] },
    [["ingressRules[0].trafficMirrorFilterId", "tmf-other"]],
  ],
  [
    "TrafficForensics",
    "eleven rules",
    { ingressRules: Array.from({ length: 11 }, (_, i) => ({ ...MIRROR_ALL, priority: i + 1 })) },
    [["ingressRules", expect.any(Array)]],
  ],
  ["TrafficForensics", "evidence WORM 179 days", { evidenceRetentionDays: 179 }, [["evidenceRetentionDays", 179]]],
  [
    "TrafficForensics",
    "evidence WORM 25551 days",
    { evidenceRetentionDays: 25551 },
    [["evidenceRetentionDays", 25551]],
  ],
  ["TrafficForensics", "evidence WORM as string", { evidenceRetentionDays: "365" }, [["evidenceRetentionDays", "365"]]],
  [
    "TrafficForensics",
    "evidence bucket name",
    { evidenceBucketName: "Acme_Evidence" },
    [["evidenceBucketName", "Acme_Evidence"]],
  ],
  [
    "TrafficForensics",
    "evidence bucket as Output",
    { evidenceBucketName: anOutput("acme-ev") },
    [["evidenceBucketName", OUTPUT]],
  ],
  ["TrafficForensics", "lockWorm as string", { lockWorm: "false" }, [["lockWorm", "false"]]],
  ["TrafficForensics", "lockWorm as 0", { lockWorm: 0 }, [["lockWorm", 0]]],
  ["TrafficForensics", "force destroy asked", { forceDestroy: true }, [["forceDestroy", true]]],
  ["TrafficForensics", "misspelled lockWorm", { lockworm: false }, [["lockworm", false]]],

  // DnsFailover
  [
    "DnsFailover",
    "both pools one region",
    { secondary: { region: "cn-hangzhou", addresses: ["198.51.100.20"] } },
    [["secondary.region", "cn-hangzhou"]],
  ],
  ["DnsFailover", "no primary", { primary: undefined }, [["primary.region", undefined]]],
  [
    "DnsFailover",
    "private address",
    { primary: { region: "cn-hangzhou", addresses: ["10.0.0.5"] } },
    [["primary.addresses[0]", "10.0.0.5"]],
  ],
  [
    "DnsFailover",
    "address with prefix",
    { primary: { region: "cn-hangzhou", addresses: ["198.51.100.10/32"] } },
    [["primary.addresses[0]", "198.51.100.10/32"]],
  ],
  [
    "DnsFailover",
    "IPv6 in an IPV4 pool",
    { primary: { region: "cn-hangzhou", addresses: ["2001:db8::1"] } },
    [["primary.addresses[0]", "2001:db8::1"]],
  ],
  [
    "DnsFailover",
    "one address in both pools",
    { secondary: { region: "cn-shanghai", addresses: ["198.51.100.10"] } },
    [["secondary.addresses[0]", "198.51.100.10"]],
  ],
  [
    "DnsFailover",
    "health protocol lower case",
    { healthCheck: { protocol: "https", port: 443, failureRate: 50 } },
    [["healthCheck.protocol", "https"]],
  ],
  [
    "DnsFailover",
    "health port as string",
    { healthCheck: { protocol: "HTTPS", port: "443", failureRate: 50 } },
    [["healthCheck.port", "443"]],
  ],
  ["DnsFailover", "interval 30", { healthCheckIntervalSeconds: 30 }, [["healthCheckIntervalSeconds", 30]]],
  [
    "DnsFailover",
    "15 s on a standard instance",
    { healthCheckIntervalSeconds: 15 },
    [["healthCheckIntervalSeconds", 15]],
  ],
  ["DnsFailover", "ttl as string", { ttl: "60" }, [["ttl", "60"]]],
  ["DnsFailover", "ttl 0", { ttl: 0 }, [["ttl", 0]]],
  ["DnsFailover", "empty domain", { userDomainName: "" }, [["userDomainName", ""]]],
  ["DnsFailover", "empty instance id", { gtmInstanceId: "" }, [["gtmInstanceId", ""]]],
  ["DnsFailover", "no probe nodes", { probeNodes: [] }, [["probeNodes", []]]],
  [
    "DnsFailover",
    "probe code as number",
    { probeNodes: [{ cityCode: 503, ispCode: "465" }] },
    [["probeNodes[0]", { cityCode: 503, ispCode: "465" }]],
  ],
  [
    "DnsFailover",
    "health check as Output",
    { healthCheck: anOutput({ protocol: "HTTPS" }) },
    [["healthCheck", OUTPUT]],
  ],
  [
    "DnsFailover",
    "misspelled healthCheck",
    { healthcheck: { protocol: "TCP" } },
    [["healthcheck", { protocol: "TCP" }]],
  ],

  // AuditTrail
  ["AuditTrail", "trail name upper case", { trailName: "AuditTrail" }, [["trailName", "AuditTrail"]]],
  ["AuditTrail", "trail name as number", { trailName: 123456 }, [["trailName", 123456]]],
  ["AuditTrail", "bucket name underscore", { bucketName: "acme_trail" }, [["bucketName", "acme_trail"]]],
  ["AuditTrail", "bucket as Promise", { bucketName: aPromise("acme-trail") }, [["bucketName", PROMISE]]],
  ["AuditTrail", "WORM 179 days", { bucketRetentionDays: 179 }, [["bucketRetentionDays", 179]]],
  ["AuditTrail", "WORM fractional", { bucketRetentionDays: 365.5 }, [["bucketRetentionDays", 365.5]]],
  ["AuditTrail", "WORM 25551 days", { bucketRetentionDays: 25551 }, [["bucketRetentionDays", 25551]]],
  ["AuditTrail", "log retention 179", { logRetentionDays: 179 }, [["logRetentionDays", 179]]],
  ["AuditTrail", "lockWorm as string", { lockWorm: "no" }, [["lockWorm", "no"]]],
  ["AuditTrail", "empty region", { region: "" }, [["region", ""]]],
  ["AuditTrail", "misspelled retention", { bucketRetentionDay: 400 }, [["bucketRetentionDay", 400]]],

  // ImmutableBackup
  ["ImmutableBackup", "region not an id", { primaryRegion: "Hangzhou" }, [["primaryRegion", "Hangzhou"]]],
  ["ImmutableBackup", "second region same", { secondaryRegion: "cn-hangzhou" }, [["secondaryRegion", "cn-hangzhou"]]],
  ["ImmutableBackup", "no second provider", { secondaryProvider: undefined }, [["secondaryProvider", undefined]]],
  [
    "ImmutableBackup",
    "provider as region string",
    { secondaryProvider: "cn-shanghai" },
    [["secondaryProvider", "cn-shanghai"]],
  ],
  ["ImmutableBackup", "WORM 6 days", { retentionDays: 6 }, [["retentionDays", 6]]],
  ["ImmutableBackup", "WORM as string", { retentionDays: "30" }, [["retentionDays", "30"]]],
  ["ImmutableBackup", "snapshots 65537 days", { snapshotRetentionDays: 65537 }, [["snapshotRetentionDays", 65537]]],
  ["ImmutableBackup", "hours as a string", { snapshotHours: "2" }, [["snapshotHours", "2"]]],
  ["ImmutableBackup", "hour 24", { snapshotHours: [24] }, [["snapshotHours", [24]]]],
  ["ImmutableBackup", "hour repeated", { snapshotHours: [2, 2] }, [["snapshotHours[1]", 2]]],
  ["ImmutableBackup", "disks as a string", { diskIds: "d-1" }, [["diskIds", "d-1"]]],
  ["ImmutableBackup", "disk repeated", { diskIds: ["d-1", "d-1"] }, [["diskIds[1]", "d-1"]]],
  ["ImmutableBackup", "empty HBR instance", { hbrInstanceIds: [""] }, [["hbrInstanceIds[0]", ""]]],
  ["ImmutableBackup", "lockWorm as string", { lockWorm: "false" }, [["lockWorm", "false"]]],
  ["ImmutableBackup", "unknown retention key", { retention: 30 }, [["retention", 30]]],

  // IdentityBaseline
  ["IdentityBaseline", "length as string", { minimumPasswordLength: "14" }, [["minimumPasswordLength", "14"]]],
  ["IdentityBaseline", "length 8", { minimumPasswordLength: 8 }, [["minimumPasswordLength", 8]]],
  [
    "IdentityBaseline",
    "length as Output",
    { minimumPasswordLength: anOutput(16) },
    [["minimumPasswordLength", OUTPUT]],
  ],
  ["IdentityBaseline", "lockout after 6", { maxLoginAttempts: 6 }, [["maxLoginAttempts", 6]]],
  ["IdentityBaseline", "password age 91", { maxPasswordAgeDays: 91 }, [["maxPasswordAgeDays", 91]]],
  ["IdentityBaseline", "idle 100 days", { maxIdleDaysForUsers: 100 }, [["maxIdleDaysForUsers", 100]]],
  ["IdentityBaseline", "session 25 h", { loginSessionDurationHours: 25 }, [["loginSessionDurationHours", 25]]],
  [
    "IdentityBaseline",
    "masks as a string",
    { loginNetworkMasks: "203.0.113.0/24" },
    [["loginNetworkMasks", "203.0.113.0/24"]],
  ],
  ["IdentityBaseline", "mask internet", { loginNetworkMasks: ["0.0.0.0/0"] }, [["loginNetworkMasks[0]", "0.0.0.0/0"]]],
  [
    "IdentityBaseline",
    "masks split internet",
    { loginNetworkMasks: ["0.0.0.0/1", "128.0.0.0/1"] },
    [
      ["loginNetworkMasks[0]", "0.0.0.0/1"],
      ["loginNetworkMasks[1]", "128.0.0.0/1"],
    ],
  ],
  [
    "IdentityBaseline",
    "mask bad octet",
    { loginNetworkMasks: ["999.1.1.1/8"] },
    [["loginNetworkMasks[0]", "999.1.1.1/8"]],
  ],
  [
    "IdentityBaseline",
    "mask host bits",
    { loginNetworkMasks: ["203.0.113.5/24"] },
    [["loginNetworkMasks[0]", "203.0.113.5/24"]],
  ],
  [
    "IdentityBaseline",
    "mask repeated",
    { loginNetworkMasks: ["203.0.113.0/24", "203.0.113.0/24"] },
    [["loginNetworkMasks[1]", "203.0.113.0/24"]],
  ],
  [
    "IdentityBaseline",
    "41 masks",
    { loginNetworkMasks: Array.from({ length: 41 }, (_, i) => `10.${i}.0.0/16`) },
    [["loginNetworkMasks", 41]],
  ],
  ["IdentityBaseline", "provider's spelling", { maxLoginAttemps: 3 }, [["maxLoginAttemps", 3]]],
];

describe("bad arguments end in one ValidationError, before any child exists", () => {
  it.each(badRows)("%s: %s", (kind, _probe, changed, expected) => {
    const name = freshName();
    const problems = problemsOf(() => construct[kind](name, { ...validArgs[kind](name), ...changed }));
    for (const [argument, value] of expected) {
      expect(problems).toContainEqual(expect.objectContaining({ argument, value }));
    }
    for (const p of problems) {
      expect(p.allowed.length).toBeGreaterThan(0);
      expect(p.fix.length).toBeGreaterThan(0);
    }
    expect(childrenOf(name)).toEqual([]);
    // Not even the component: a refused call leaves nothing in the stack's state.
    expect(recorded.filter((r) => r.name === name)).toEqual([]);
  });
});

describe("an argument that cannot be read is reported once", () => {
  it.each([
    ["Bastion", { allowedCidrs: anOutput(["203.0.113.0/28"]) }, "allowedCidrs"],
    ["TrafficForensics", { evidenceBucketName: anOutput("acme-evidence") }, "evidenceBucketName"],
    ["AuditTrail", { bucketName: aPromise("acme-trail") }, "bucketName"],
  ] as [Kind, Args, string][])("%s", (kind, changed, argument) => {
    const name = freshName();
    const problems = problemsOf(() => construct[kind](name, { ...validArgs[kind](name), ...changed }));
    expect(problems.map((p) => p.argument)).toEqual([argument]);
  });

  it.each([
    ["an Output", anOutput("10.0.0.0/16")],
    ["a Promise", aPromise("10.0.0.0/16")],
  ])("%s is reported in the words the AWS components use", (_kind, value) => {
    const name = freshName();
    const [problem] = problemsOf(() => construct.HardenedVpc(name, { cidrBlock: value }));
    const shared = new Problems("HardenedVpc");
    checkPlain(shared, "cidrBlock", value);
    expect(problem).toEqual(shared.list[0]);
    expect(String(problem.value)).toMatch(/^a (pulumi\.Output|Promise) \(not known until deployment\)$/);
  });

  it("suggests the argument a misspelled key meant", () => {
    const name = freshName();
    const problems = problemsOf(() =>
      construct.TrafficForensics(name, { ...validArgs.TrafficForensics(name), lockworm: false }),
    );
    expect(problems).toEqual([expect.objectContaining({ argument: "lockworm", fix: "did you mean lockWorm?" })]);
  });
});

/** [component, probe, arguments changed from the valid set]: accepted, and children are created. */
const goodRows: [Kind, string, Args][] = [
  ["HardenedVpc", "bare admin address", { adminSourceCidrs: ["203.0.113.7"] }],
  ["HardenedVpc", "private admin range", { adminSourceCidrs: ["10.0.0.0/8"] }],
  ["HardenedVpc", "IPv6 admin range with IPv6", { enableIpv6: true, adminSourceCidrs: ["2001:db8:1::/48"] }],
  ["HardenedVpc", "zones of the region", { zones: ["cn-hangzhou-h", "cn-hangzhou-i"], zoneCount: 2 }],
  ["HardenedVpc", "no public ports", { publicTcpPorts: [] }],
  ["HardenedVpc", "web port 8443", { publicTcpPorts: [443, 8443] }],
  ["HardenedVpc", "retention kept forever", { flowLogRetentionDays: 3650, natGateway: false }],
  [
    "HardenedVpc",
    "IPv4 admin sources filling naclRuleQuota 20 exactly",
    { naclRuleQuota: DEFAULT_ACL_QUOTA, adminSourceCidrs: adminSources(fitV4(DEFAULT_ACL_QUOTA), "IPv4") },
  ],
  [
    "HardenedVpc",
    "both families full at the default ACL quota, counted apart",
    {
      enableIpv6: true,
      adminSourceCidrs: [
        ...adminSources(fitV4(DEFAULT_ACL_QUOTA), "IPv4"),
        ...adminSources(fitV6(DEFAULT_ACL_QUOTA), "IPv6"),
      ],
    },
  ],
  [
    "HardenedVpc",
    "one more admin source per public port given up",
    { publicTcpPorts: [443], adminSourceCidrs: adminSources(fitV4(DEFAULT_ACL_QUOTA, 1), "IPv4") },
  ],
  [
    "HardenedVpc",
    "public ports filling the default ACL quota exactly",
    { publicTcpPorts: webPorts(publicPortsThatFit(DEFAULT_ACL_QUOTA)) },
  ],
  ["Bastion", "bare office address", { allowedCidrs: ["203.0.113.7"] }],
  ["Bastion", "IPv6 /48 and private range", { allowedCidrs: ["2001:db8:1::/48", "10.1.0.0/16"] }],
  ["Bastion", "ids as Outputs", { vpcId: anOutput("vpc-1"), keyName: anOutput("ops-key"), systemDiskSize: 20 }],
  [
    "WebFirewall",
    "backends as Output",
    { domains: [{ domain: "www.example.com", backends: anOutput(["198.51.100.9"]) }] },
  ],
  [
    "WebFirewall",
    "https with certificate",
    {
      domains: [
        { domain: "www.example.com", backends: ["198.51.100.9"], httpPorts: [80], httpsPorts: [443], certId: "c" },
      ],
    },
  ],
  ["WebFirewall", "scanner list extended", { blockedUserAgents: [...SCANNER_USER_AGENTS, "mybadbot"] }],
  ["TrafficForensics", "ENIs as Outputs", { sourceEniIds: [anOutput("eni-a"), anOutput("eni-b")] }],
  [
    "TrafficForensics",
    "ten rules",
    { ingressRules: Array.from({ length: 10 }, (_, i) => ({ ...MIRROR_ALL, priority: i + 1 })) },
  ],
  [
    "DnsFailover",
    "addresses as Outputs",
    { primary: { region: "cn-hangzhou", addresses: [anOutput("198.51.100.10")] } },
  ],
  ["DnsFailover", "15 s on an existing instance", { gtmInstanceId: "gtm-1", healthCheckIntervalSeconds: 15 }],
  ["AuditTrail", "region as Output, longest WORM", { region: anOutput("cn-hangzhou"), bucketRetentionDays: 25550 }],
  [
    "ImmutableBackup",
    "ids as Outputs",
    { diskIds: [anOutput("d-1")], hbrInstanceIds: [anOutput("i-1")], snapshotHours: [2, 14] },
  ],
  ["IdentityBaseline", "office masks", { loginNetworkMasks: ["203.0.113.0/24", "10.0.0.0/8"], maxLoginAttempts: 3 }],
];

describe("good arguments pass without a warning", () => {
  it.each(goodRows)("%s: %s", async (kind, _probe, changed) => {
    const name = freshName();
    const warnings = warningsOf(() => construct[kind](name, { ...validArgs[kind](name), ...changed }));
    await settle();
    expect(warnings.filter((w) => w.includes(`"${name}"`))).toEqual([]);
    expect(childrenOf(name).length).toBeGreaterThan(0);
  });

  it.each(Object.keys(validArgs) as Kind[])("%s defaults are the secure ones: no warning", (kind) => {
    const name = freshName();
    const warnings = warningsOf(() => construct[kind](name, validArgs[kind](name)));
    expect(warnings.filter((w) => w.includes(`"${name}"`))).toEqual([]);
  });
});

/** [component, probe, explicit weakening, text the warning must contain (it names the argument)]. */
const weakeningRows: [Kind, string, Args, string][] = [
  ["HardenedVpc", "flow logs kept 180 days", { flowLogRetentionDays: 180 }, "flowLogRetentionDays is 180"],
  [
    "HardenedVpc",
    "naclRuleQuota 21, one above the default",
    { naclRuleQuota: 21 },
    "naclRuleQuota is 21, above the default of 20 rules per network ACL",
  ],
  [
    "HardenedVpc",
    "admin sources filling a quota raised to 40",
    { naclRuleQuota: 40, adminSourceCidrs: adminSources(fitV4(40), "IPv4") },
    "naclRuleQuota is 40, above the default of 20 rules per network ACL",
  ],
  [
    "HardenedVpc",
    "a quota far above any granted (none is documented)",
    { naclRuleQuota: 10_000 },
    "must have been raised to at least 10000",
  ],
  ["WebFirewall", "scanner list replaced", { blockedUserAgents: ["mybadbot"] }, "blockedUserAgents leaves out"],
  ["WebFirewall", "WAF logs kept 180 days", { logRetentionDays: 180 }, "logRetentionDays is 180"],
  ["WebFirewall", "log collection elsewhere", { manageLogCollection: false }, "manageLogCollection is false"],
  ["TrafficForensics", "WORM unlocked", { lockWorm: false }, "lockWorm is false"],
  ["TrafficForensics", "evidence kept 180 days", { evidenceRetentionDays: 180 }, "evidenceRetentionDays is 180"],
  ["TrafficForensics", "flow log kept 200 days", { logRetentionDays: 200 }, "logRetentionDays is 200"],
  ["TrafficForensics", "only SSH mirrored", { ingressRules: [tcp22] }, "ingressRules do not accept all traffic"],
  [
    "TrafficForensics",
    "drop-all ahead of accept-all",
    {
      egressRules: [
        { ...MIRROR_ALL, action: "drop" },
        { ...MIRROR_ALL, priority: 2 },
      ],
    },
    "egressRules do not accept all traffic",
  ],
  ["TrafficForensics", "only drops", { egressRules: [{ ...MIRROR_ALL, action: "drop" }] }, "egressRules only drop"],
  ["DnsFailover", "answers cached 600 s", { ttl: 600 }, "ttl is 600, weaker than the default 60"],
  [
    "DnsFailover",
    "checked hourly",
    { healthCheckIntervalSeconds: 3600 },
    "healthCheckIntervalSeconds is 3600, weaker than the default 60",
  ],
  ["AuditTrail", "WORM unlocked", { lockWorm: false }, "lockWorm is false"],
  ["AuditTrail", "trail WORM 200 days", { bucketRetentionDays: 200 }, "bucketRetentionDays is 200"],
  ["AuditTrail", "trail logs 180 days", { logRetentionDays: 180 }, "logRetentionDays is 180"],
  ["ImmutableBackup", "WORM unlocked", { lockWorm: false }, "lockWorm is false"],
  ["ImmutableBackup", "backups kept 7 days", { retentionDays: 7 }, "retentionDays is 7"],
  ["ImmutableBackup", "snapshots kept 7 days", { snapshotRetentionDays: 7 }, "snapshotRetentionDays is 7"],
  ["IdentityBaseline", "reuse after 5", { passwordReusePrevention: 5 }, "passwordReusePrevention is 5"],
  [
    "IdentityBaseline",
    "no distinct characters",
    { minimumPasswordDifferentCharacter: 0 },
    "minimumPasswordDifferentCharacter is 0",
  ],
  ["IdentityBaseline", "idle keys 730 days", { maxIdleDaysForAccessKeys: 730 }, "maxIdleDaysForAccessKeys is 730"],
  ["IdentityBaseline", "idle users 180 days", { maxIdleDaysForUsers: 180 }, "maxIdleDaysForUsers is 180"],
  ["IdentityBaseline", "12-hour sessions", { loginSessionDurationHours: 12 }, "loginSessionDurationHours is 12"],
];

describe("an explicit weakening is created and announced", () => {
  it.each(weakeningRows)("%s: %s", async (kind, _probe, changed, text) => {
    const name = freshName();
    const warnings = warningsOf(() => construct[kind](name, { ...validArgs[kind](name), ...changed }));
    await settle();
    expect(warnings.filter((w) => w.includes(`"${name}"`) && w.includes(text))).toHaveLength(1);
    expect(childrenOf(name).length).toBeGreaterThan(0);
  });
});

/**
 * [probe, the component's arguments changed from an ALB-locked set, the call, [argument, value] pairs in order, and
 * the [label, listenerId] pairs earlier calls locked].
 */
type LockRow = [string, Args, (waf: WebFirewall) => unknown, [string, unknown][], [string, string][]?];
const lockRows: LockRow[] = [
  ["label as Output", {}, (w) => w.lockAlbListener(anOutput("web") as never, ALB_LISTENER_ID), [["label", OUTPUT]], []],
  [
    "the origin lock off",
    { originLock: false, backToOriginCidrs: undefined, originKinds: undefined },
    (w) => w.lockAlbListener("web", ALB_LISTENER_ID),
    [["originLock", false]],
  ],
  [
    "no ALB whitelist (SLB only)",
    { originKinds: ["slb"] },
    (w) => w.lockAlbListener("web", ALB_LISTENER_ID),
    [["originKinds", ["slb"]]],
  ],
  ["label in capitals", {}, (w) => w.lockAlbListener("Web", ALB_LISTENER_ID), [["label", "Web"]]],
  [
    "label of 41 characters",
    {},
    (w) => w.lockAlbListener("w".repeat(41), ALB_LISTENER_ID),
    [["label", "w".repeat(41)]],
  ],
  ["label a number", {}, (w) => w.lockAlbListener(443 as never, ALB_LISTENER_ID), [["label", 443]]],
  [
    "label an earlier call used",
    {},
    (w) => w.lockAlbListener("web", "lsn-other0000000000001"),
    [["label", "web"]],
    [["web", ALB_LISTENER_ID]],
  ],
  [
    "listener an earlier call bound",
    {},
    (w) => w.lockAlbListener("web-2", ALB_LISTENER_ID),
    [["listenerId", ALB_LISTENER_ID]],
    [["web", ALB_LISTENER_ID]],
  ],
  ["listener id missing", {}, (w) => w.lockAlbListener("web", undefined as never), [["listenerId", undefined]]],
  [
    "the ALB's id",
    {},
    (w) => w.lockAlbListener("web", "alb-o9ulmq5hgn68jk0kj"),
    [["listenerId", "alb-o9ulmq5hgn68jk0kj"]],
  ],
  ["the prefix alone", {}, (w) => w.lockAlbListener("web", "lsn-"), [["listenerId", "lsn-"]]],
  [
    "listener id with a trailing space",
    {},
    (w) => w.lockAlbListener("web", `${ALB_LISTENER_ID} `),
    [["listenerId", `${ALB_LISTENER_ID} `]],
  ],
  ["the listener's port", {}, (w) => w.lockAlbListener("web", 443 as never), [["listenerId", 443]]],
  [
    "a resource, not its id",
    {},
    (w) => w.lockAlbListener("web", notAProvider as never),
    [["listenerId", "(a resource, not its id)"]],
  ],
  [
    "options a region",
    {},
    (w) => w.lockAlbListener("web", ALB_LISTENER_ID, "cn-shanghai" as never),
    [["options", "cn-shanghai"]],
  ],
  [
    "options.provider a region",
    {},
    (w) => w.lockAlbListener("web", ALB_LISTENER_ID, { provider: "cn-shanghai" as never }),
    [["options.provider", "cn-shanghai"]],
  ],
  [
    "options.provider a resource that is no provider",
    {},
    (w) => w.lockAlbListener("web", ALB_LISTENER_ID, { provider: notAProvider as never }),
    [["options.provider", "(a resource that is not an alicloud.Provider)"]],
  ],
  [
    "a misspelled option",
    {},
    (w) => w.lockAlbListener("web", ALB_LISTENER_ID, { Provider: listenerRegion } as never),
    [["options.Provider", listenerRegion]],
  ],
  [
    "everything wrong at once",
    { originKinds: ["slb"] },
    (w) => w.lockAlbListener("Web!", "alb-1", { provider: "cn-shanghai" as never }),
    [
      ["originKinds", ["slb"]],
      ["label", "Web!"],
      ["listenerId", "alb-1"],
      ["options.provider", "cn-shanghai"],
    ],
  ],
];

/** The promises of a lockAlbListener row: exactly the problems expected, each with what is allowed and the fix. */
async function expectLockRefused(...[, changed, call, expected, earlier = []]: LockRow): Promise<void> {
  const name = freshName();
  const waf = albLockedFirewall(name, changed);
  for (const [label, listenerId] of earlier) waf.lockAlbListener(label, listenerId);
  await settle();
  expect(ofType(name, ALB_LISTENER_ATTACHMENT)).toHaveLength(earlier.length);
  const problems = problemsOf(() => call(waf));
  await settle();
  expect(ofType(name, ALB_LISTENER_ATTACHMENT)).toHaveLength(earlier.length);
  expect(problems.map((p) => [p.argument, p.value])).toEqual(expected);
  for (const p of problems) {
    expect(p.allowed.length).toBeGreaterThan(0);
    expect(p.fix.length).toBeGreaterThan(0);
  }
}

describe("WebFirewall.lockAlbListener: bad calls end in one ValidationError, before the attachment exists", () => {
  it.each(lockRows)("%s", (...row) => expectLockRefused(...row));
});

/** [probe, the call]: accepted, one attachment of the whitelist to the listener registered under the component. */
const lockGoodRows: [string, (waf: WebFirewall) => unknown][] = [
  ["a one-character label", (w) => w.lockAlbListener("a", ALB_LISTENER_ID)],
  ["a 40-character label", (w) => w.lockAlbListener("w".repeat(40), ALB_LISTENER_ID)],
  ["the shortest listener id", (w) => w.lockAlbListener("web", "lsn-0")],
  ["the listener id as Output", (w) => w.lockAlbListener("web", anOutput(ALB_LISTENER_ID))],
  ["the listener id as Promise", (w) => w.lockAlbListener("web", aPromise(ALB_LISTENER_ID))],
  ["the listener's provider", (w) => w.lockAlbListener("web", ALB_LISTENER_ID, { provider: listenerRegion })],
  ["options undefined", (w) => w.lockAlbListener("web", ALB_LISTENER_ID, undefined)],
];

describe("WebFirewall.lockAlbListener: good calls bind the listener without a warning", () => {
  it.each(lockGoodRows)("%s", async (_probe, call) => {
    const name = freshName();
    const waf = albLockedFirewall(name);
    const warnings = warningsOf(() => call(waf));
    await settle();
    expect(warnings).toEqual([]);
    const [attachment, ...others] = ofType(name, ALB_LISTENER_ATTACHMENT);
    expect(others).toEqual([]);
    expect(attachment.inputs).toMatchObject({ aclId: `${name}-origin-alb-acl-id`, aclType: "White" });
  });
});

describe("WebFirewall.originAlbListenerAclConfig() is deprecated, and says so once per component", () => {
  it("warns naming the method and its replacement, only on first use", () => {
    const name = freshName();
    const waf = albLockedFirewall(name);
    const warnings = warningsOf(() => {
      waf.originAlbListenerAclConfig();
      waf.originAlbListenerAclConfig();
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`WebFirewall "${name}": originAlbListenerAclConfig() is deprecated`);
    expect(warnings[0]).toContain("lockAlbListener(label, listener.id)");
  });

  it("refuses without an ALB whitelist, without warning", () => {
    const name = freshName();
    const waf = albLockedFirewall(name, { originKinds: ["slb"] });
    const warnings = warningsOf(() =>
      expect(problemsOf(() => waf.originAlbListenerAclConfig()).map((p) => [p.argument, p.value])).toEqual([
        ["originKinds", ["slb"]],
      ]),
    );
    expect(warnings).toEqual([]);
  });
});

describe("names that become cloud names", () => {
  it.each([["1-ops"], ["ops bastion"], ["o".repeat(57)]])("Bastion %p is refused", (name) => {
    const problems = problemsOf(() => construct.Bastion(name, validArgs.Bastion(name)));
    expect(problems).toEqual([expect.objectContaining({ argument: "name", value: name })]);
    expect(childrenOf(name)).toEqual([]);
  });

  // Store names of their own (each bucket fresh), so that only the names built from the component's are judged.
  const stores: Partial<Record<Kind, (id: string) => Args>> = {
    HardenedVpc: () => ({ flowLogProjectName: "acme-net-flowlog" }),
    TrafficForensics: (id) => ({ logProjectName: "acme-forensics", evidenceBucketName: `acme-${id}-evidence` }),
    ImmutableBackup: (id) => ({ bucketName: `acme-${id}-backup`, replicaBucketName: `acme-${id}-backup-sh` }),
  };
  const argsFor = (kind: Kind, name: string): Args => ({ ...validArgs[kind](name), ...stores[kind]?.(freshName()) });

  it.each([
    ["HardenedVpc", "9net", "EIP name"],
    ["HardenedVpc", "-net", "NAT gateway name"],
    ["HardenedVpc", "http://net", "VPC name"],
    ["HardenedVpc", "n".repeat(119), "vSwitch name"],
    ["TrafficForensics", "tf.mirror", "traffic mirror session name"],
    ["TrafficForensics", "7tf", "traffic mirror session name"],
    ["ImmutableBackup", "bk.daily", "automatic snapshot policy name"],
    ["ImmutableBackup", "_bk", "automatic snapshot policy name"],
  ] as [Kind, string, string][])("%s %p is refused: it would make a bad %s", (kind, name, what) => {
    const problems = problemsOf(() => construct[kind](name, argsFor(kind, name)));
    expect(problems).toEqual([expect.objectContaining({ argument: "name", value: name })]);
    expect(problems[0].allowed).toContain(what);
    expect(childrenOf(name)).toEqual([]);
  });

  it.each([
    ["HardenedVpc", "net.v2_a", {}],
    ["HardenedVpc", "网络-prod", {}],
    // Without a NAT gateway no EIP or SNAT entry is named, so a leading digit is fine.
    ["HardenedVpc", "9net", { natGateway: false }],
    ["HardenedVpc", "n".repeat(118), {}],
    ["TrafficForensics", "tf_mirror-2", {}],
    ["ImmutableBackup", "bk_daily-2", {}],
  ] as [Kind, string, Args][])("%s %p is accepted", async (kind, name, extra) => {
    warningsOf(() => construct[kind](name, { ...argsFor(kind, name), ...extra }));
    await settle();
    expect(childrenOf(name).length).toBeGreaterThan(0);
  });
});

describe("component options cannot weaken the evidence stores", () => {
  it("retainOnDelete: false on the component leaves the stores retained", async () => {
    const name = freshName();
    new AuditTrail(name, validArgs.AuditTrail(name) as never, {
      retainOnDelete: false,
      transformations: [recordOptions],
    });
    await settle();
    for (const store of [`${name}-bucket`, `${name}-bucket-worm`, `${name}-bucket-key`, `${name}-trail-logs`]) {
      expect(options.get(store)?.retainOnDelete).toBe(true);
    }
  });
});

describe("what reaches the resources", () => {
  it("a mirror rule passes only its own fields to the filter rule", async () => {
    const name = freshName();
    warningsOf(() => construct.TrafficForensics(name, { ...validArgs.TrafficForensics(name), ingressRules: [tcp22] }));
    await settle();
    const [rule] = ofType(name, "alicloud:vpc/trafficMirrorFilterIngressRule:TrafficMirrorFilterIngressRule");
    expect(Object.keys(rule.inputs).sort()).toEqual(["trafficMirrorFilterId", ...Object.keys(MIRROR_ALL)].sort());
  });
});

describe("zones are checked against the region", () => {
  it.each([
    ["cn-hangzhou-h", "cn-hangzhou"],
    ["ap-southeast-1a", "ap-southeast-1"],
    ["cn-hangzhou", undefined],
    ["zone-0", undefined],
    [7, undefined],
  ])("regionOfZone(%p) is %p", (zone, region) => {
    expect(regionOfZone(zone)).toBe(region);
  });

  it("names a listed zone the region does not offer", () => {
    const problems = problemsOf(() =>
      assertZonesInRegion("HardenedVpc", "zones", ["cn-hangzhou-h", "cn-hangzhou-z"], ["cn-hangzhou-h"]),
    );
    expect(problems).toEqual([expect.objectContaining({ argument: "zones[1]", value: "cn-hangzhou-z" })]);
  });
});

describe("the shared store builders refuse what the components never pass", () => {
  const parent = new ComponentResource("test:redteam:Parent", "rt-stores");
  it.each([
    [
      "wormDays 0",
      () => createWormBucket(parent, "rt-worm-a", { bucketName: "a", wormDays: 0, lockWorm: true, tags: {} }),
      "wormDays",
    ],
    [
      "wormDays 25551",
      () => createWormBucket(parent, "rt-worm-b", { bucketName: "b", wormDays: 25551, lockWorm: true, tags: {} }),
      "wormDays",
    ],
    [
      "lockWorm as string",
      () =>
        createWormBucket(parent, "rt-worm-c", { bucketName: "c", wormDays: 30, lockWorm: "true" as never, tags: {} }),
      "lockWorm",
    ],
    [
      "log retention 0",
      () =>
        createLogSink(parent, "rt-sink-a", { projectName: "p", logstoreName: "s", retentionDays: 0, description: "" }),
      "retentionDays",
    ],
  ] as [string, () => unknown, string][])("%s", (_probe, create, argument) => {
    expect(problemsOf(create).map((p) => p.argument)).toEqual([argument]);
    expect(childrenOf("rt-worm")).toEqual([]);
    expect(childrenOf("rt-sink")).toEqual([]);
  });
});
