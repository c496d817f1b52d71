// Hostile and mistaken arguments a TypeScript or plain-JavaScript caller could pass, one row each, and the exact
// problems each must raise; then the near misses that must still be accepted, and the weakenings that must warn.
import * as pulumi from "@pulumi/pulumi";
import {
  AcceptRow,
  adminSources,
  adminSourcesThatFit,
  build,
  buildRaw,
  callGate,
  ComponentName,
  createGateFirewalls,
  GATE_LISTENER_ARN,
  GATE_SECRET,
  GATE_TARGET_GROUP_ARN,
  gateArgs,
  RejectRow,
  TAKEN_GATE_LABEL,
  unresolved,
  WarnRow,
} from "./redteam-args.fixtures";

const reject = (
  component: ComponentName,
  label: string,
  overrides: Record<string, unknown>,
  problems: [string, unknown][],
  name?: string,
): RejectRow => ({
  label: `${component}: ${label}`,
  make: () => build(component, overrides, undefined, name),
  problems,
});

const accept = (component: ComponentName, label: string, overrides: Record<string, unknown>): AcceptRow => ({
  label: `${component}: ${label}`,
  make: () => build(component, overrides),
});

const warns = (component: ComponentName, label: string, overrides: Record<string, unknown>, warnings: RegExp[]) => ({
  label: `${component}: ${label}`,
  make: () => build(component, overrides),
  warnings,
});

/** An ARN a regional web ACL attaches to, so rows about repetition are refused for that alone. */
const ALB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";

const half = ["0.0.0.0/1", "128.0.0.0/1"];
const quarters = ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"];

/** CIDR allow-lists for SSH, read the same way by HardenedVpc.adminIngressCidrs and Bastion.allowedCidrs. */
function adminSourceRows(component: "HardenedVpc" | "Bastion", argument: string): RejectRow[] {
  const row = (label: string, value: unknown, problems: [string, unknown][]) =>
    reject(component, `${argument} ${label}`, { [argument]: value }, problems);
  return [
    row("0.0.0.0/0", ["0.0.0.0/0"], [[`${argument}[0]`, "0.0.0.0/0"]]),
    row("::/0", ["::/0"], [[`${argument}[0]`, "::/0"]]),
    row(
      "split halves",
      half,
      half.map((c, i) => [`${argument}[${i}]`, c]),
    ),
    row(
      "four quarters",
      quarters,
      quarters.map((c, i) => [`${argument}[${i}]`, c]),
    ),
    row(
      "split IPv6 halves",
      ["::/1", "8000::/1"],
      [
        [`${argument}[0]`, "::/1"],
        [`${argument}[1]`, "8000::/1"],
      ],
    ),
    row("a broad public /16", ["8.8.0.0/16"], [[`${argument}[0]`, "8.8.0.0/16"]]),
    row("a broad public IPv6 /32", ["2001:db8::/32"], [[`${argument}[0]`, "2001:db8::/32"]]),
    row("a bare address", ["203.0.113.5"], [[`${argument}[0]`, "203.0.113.5"]]),
    row("host bits", ["203.0.113.5/24"], [[`${argument}[0]`, "203.0.113.5/24"]]),
    row("surrounding spaces", [" 203.0.113.0/28"], [[`${argument}[0]`, " 203.0.113.0/28"]]),
    row("leading zeros", ["203.0.113.010/32"], [[`${argument}[0]`, "203.0.113.010/32"]]),
    row("a zero-padded prefix", ["203.0.113.0/028"], [[`${argument}[0]`, "203.0.113.0/028"]]),
    row("a duplicate", ["203.0.113.0/28", "203.0.113.0/28"], [[`${argument}[1]`, "203.0.113.0/28"]]),
    row("IPv4-mapped IPv6", ["::ffff:203.0.113.0/120"], [[`${argument}[0]`, "::ffff:203.0.113.0/120"]]),
    row("the NAT64 prefix", ["64:ff9b::/96"], [[`${argument}[0]`, "64:ff9b::/96"]]),
    row("a number", [42], [[`${argument}[0]`, 42]]),
    row("a string, not a list", "203.0.113.0/28", [[argument, "203.0.113.0/28"]]),
    row("an Output", pulumi.output(["203.0.113.0/28"]), [[argument, unresolved("pulumi.Output")]]),
    row("a Promise", Promise.resolve(["203.0.113.0/28"]), [[argument, unresolved("Promise")]]),
    row("an Output entry", [pulumi.output("203.0.113.0/28")], [[`${argument}[0]`, unresolved("pulumi.Output")]]),
  ];
}

const DEFAULT_NACL_QUOTA = 20;
const MAX_NACL_QUOTA = 40;
const fitV4 = (quota: number) => adminSourcesThatFit(quota, "IPv4");
const fitV6 = (quota: number) => adminSourcesThatFit(quota, "IPv6");
/** One IPv4 admin source more than the default quota holds. */
const overDefaultV4 = adminSources(fitV4(DEFAULT_NACL_QUOTA) + 1, "IPv4");

/** naclRuleQuota and the admin sources that must fit it (Service Quotas L-2AEEBF1A: 20 by default, at most 40). */
function naclQuotaRows(): RejectRow[] {
  const quota = (label: string, value: unknown, problem: unknown = value) =>
    reject("HardenedVpc", `naclRuleQuota ${label}`, { naclRuleQuota: value }, [["naclRuleQuota", problem]]);
  const sources = (label: string, overrides: Record<string, unknown>, value: string[]) =>
    reject("HardenedVpc", `adminIngressCidrs ${label}`, { adminIngressCidrs: value, ...overrides }, [
      ["adminIngressCidrs", value],
    ]);
  const overRaisedV4 = adminSources(fitV4(MAX_NACL_QUOTA) + 1, "IPv4");
  const bothFamiliesPastForty = [
    ...adminSources(fitV4(MAX_NACL_QUOTA), "IPv4"),
    ...adminSources(fitV6(DEFAULT_NACL_QUOTA), "IPv6"),
  ];
  return [
    quota("19, one below the default", DEFAULT_NACL_QUOTA - 1),
    quota("41, one above AWS's maximum", MAX_NACL_QUOTA + 1),
    quota("0", 0),
    quota("-1", -1),
    quota('"40"', "40"),
    quota("fractional", 20.5),
    quota("NaN", NaN),
    quota("Infinity", Infinity),
    quota("true", true),
    quota("null", null),
    quota("an Output", pulumi.output(MAX_NACL_QUOTA), unresolved("pulumi.Output")),
    quota("a Promise", Promise.resolve(MAX_NACL_QUOTA), unresolved("Promise")),
    sources("one IPv4 source past the default quota", {}, overDefaultV4),
    sources("one IPv6 source past the default quota", {}, adminSources(fitV6(DEFAULT_NACL_QUOTA) + 1, "IPv6")),
    sources("one IPv4 source past a quota raised to 30", { naclRuleQuota: 30 }, adminSources(fitV4(30) + 1, "IPv4")),
    sources("one IPv4 source past the highest quota", { naclRuleQuota: MAX_NACL_QUOTA }, overRaisedV4),
    sources(
      "each family within a raised quota, both past the 40 admin rule numbers",
      { naclRuleQuota: MAX_NACL_QUOTA },
      bothFamiliesPastForty,
    ),
    reject(
      "HardenedVpc",
      "naclRuleQuota, adminIngressCidrs and flowLogRetentionDays bad at once",
      { naclRuleQuota: MAX_NACL_QUOTA + 1, adminIngressCidrs: overDefaultV4, flowLogRetentionDays: 30 },
      [
        ["naclRuleQuota", MAX_NACL_QUOTA + 1],
        ["adminIngressCidrs", overDefaultV4],
        ["flowLogRetentionDays", 30],
      ],
    ),
  ];
}

const GATE = "WebFirewall.originRequestGate";
const EU_LISTENER_ARN = GATE_LISTENER_ARN.replace("us-east-1", "eu-central-1");
const EU_TARGET_GROUP_ARN = GATE_TARGET_GROUP_ARN.replace("us-east-1", "eu-central-1");
const OTHER_ACCOUNT_TARGET_GROUP_ARN = GATE_TARGET_GROUP_ARN.replace("123456789012", "210987654321");

/** A gate on the shared CLOUDFRONT firewall, the valid arguments with `overrides` laid over them. */
const gate = (
  label: string,
  overrides: Record<string, unknown>,
  problems: [string, unknown][],
  call: { label?: unknown; scope?: "CLOUDFRONT" | "REGIONAL" } = {},
): RejectRow => ({
  label: `${GATE}: ${label}`,
  make: () => callGate(call.label ?? "gate", { ...gateArgs(), ...overrides }, call.scope),
  problems,
  // Whatever else is wrong, no refusal may repeat the secret.
  hidden: [GATE_SECRET],
});

/** The secret origin header's listener rule: every argument decides what the ALB lets through. */
function originRequestGateRows(): RejectRow[] {
  const header = (label: string, name: unknown, problem: unknown = name) =>
    gate(`headerName ${label}`, { headerName: name }, [["headerName", problem]]);
  const priority = (label: string, value: unknown, problem: unknown = value) =>
    gate(`priority ${label}`, { priority: value }, [["priority", problem]]);
  const listener = (label: string, arn: unknown) =>
    gate(`listenerArn ${label}`, { listenerArn: arn }, [["listenerArn", arn]]);
  return [
    gate("on a REGIONAL web ACL", {}, [["scope", "REGIONAL"]], { scope: "REGIONAL" }),
    gate("secret a plain string", { secret: GATE_SECRET }, [["secret", `(secret: ${GATE_SECRET.length} characters)`]]),
    gate("secret missing", { secret: undefined }, [["secret", undefined]]),
    gate("secret a number", { secret: 42 }, [["secret", "(secret: a number)"]]),
    gate("secret an empty string", { secret: "" }, [["secret", "(secret: 0 characters)"]]),
    header("with a space", "X Origin Verify"),
    header("empty", ""),
    header("with a wildcard", "X-Origin-*"),
    header("of 41 characters", "X-" + "a".repeat(39)),
    header("smuggling a second header", "X-Origin-Verify\r\nX-Admin: 1"),
    header("a number", 42),
    header("an Output", pulumi.output("X-Origin-Verify"), unresolved("pulumi.Output")),
    header('"Host", which CloudFront refuses to add', "Host"),
    header('"x-amz-cf-secret", in CloudFront\'s own prefix', "x-amz-cf-secret"),
    header('"X-Forwarded-Token", which the ALB rewrites', "X-Forwarded-Token"),
    priority("0", 0),
    priority("50001", 50001),
    priority("fractional", 1.5),
    priority('"1"', "1"),
    priority("NaN", NaN),
    priority("an Output", pulumi.output(1), unresolved("pulumi.Output")),
    listener("missing", undefined),
    listener("empty", ""),
    listener(
      "the load balancer's",
      "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188",
    ),
    listener("a Network Load Balancer's listener", GATE_LISTENER_ARN.replace("/app/", "/net/")),
    listener("padded", ` ${GATE_LISTENER_ARN}`),
    gate("targetGroupArn a listener's", { targetGroupArn: GATE_LISTENER_ARN }, [["targetGroupArn", GATE_LISTENER_ARN]]),
    gate("targetGroupArn in another region than the listener", { targetGroupArn: EU_TARGET_GROUP_ARN }, [
      ["targetGroupArn", EU_TARGET_GROUP_ARN],
    ]),
    gate("targetGroupArn in another account than the listener", { targetGroupArn: OTHER_ACCOUNT_TARGET_GROUP_ARN }, [
      ["targetGroupArn", OTHER_ACCOUNT_TARGET_GROUP_ARN],
    ]),
    gate("provider a region name", { provider: "eu-central-1" }, [["provider", "eu-central-1"]]),
    gate("label used by an earlier gate", {}, [["label", TAKEN_GATE_LABEL]], { label: TAKEN_GATE_LABEL }),
    // AWS would refuse the second rule at deployment, after other resources were made.
    gate("the default priority 1 again on the taken gate's listener", { listenerArn: GATE_LISTENER_ARN }, [
      ["priority", 1],
    ]),
    gate("label in capitals", {}, [["label", "Web"]], { label: "Web" }),
    gate("label a number", {}, [["label", 443]], { label: 443 }),
    {
      ...gate("label an Output", {}, [["label", unresolved("pulumi.Output")]], { label: pulumi.output("gate") }),
    },
    gate("a misspelled headername: its value hidden, it may be the secret", { headername: "X-Token" }, [
      ["headername", expect.objectContaining({ description: "(not shown: 7 characters, it may be the secret)" })],
    ]),
    {
      label: `${GATE}: args null`,
      make: () => callGate("gate", null),
      problems: [["args", null]],
      hidden: [GATE_SECRET],
    },
    {
      ...gate("the secret under a misspelled Secret", { secret: undefined, Secret: GATE_SECRET }, [
        // Whatever stands for the value, it must not be the secret's text.
        ["Secret", expect.anything()],
        ["secret", undefined],
      ]),
    },
    {
      label: `${GATE}: the plain secret passed in place of the arguments`,
      make: () => callGate("gate", GATE_SECRET),
      problems: [["args", expect.anything()]],
      hidden: [GATE_SECRET],
    },
    gate(
      "everything wrong at once",
      { secret: GATE_SECRET, headerName: "Host", priority: 0, listenerArn: "" },
      [
        ["scope", "REGIONAL"],
        ["label", "Web!"],
        ["listenerArn", ""],
        ["secret", `(secret: ${GATE_SECRET.length} characters)`],
        ["headerName", "Host"],
        ["priority", 0],
      ],
      { label: "Web!", scope: "REGIONAL" },
    ),
  ];
}

export const REJECT_ROWS: RejectRow[] = [
  // HardenedVpc
  reject("HardenedVpc", 'azCount "3"', { azCount: "3" }, [["azCount", "3"]]),
  reject("HardenedVpc", "azCount NaN", { azCount: NaN }, [["azCount", NaN]]),
  reject("HardenedVpc", "azCount Infinity", { azCount: Infinity }, [["azCount", Infinity]]),
  reject("HardenedVpc", "azCount huge", { azCount: 1e9 }, [["azCount", 1e9]]),
  reject("HardenedVpc", "azCount fractional", { azCount: 2.5 }, [["azCount", 2.5]]),
  reject("HardenedVpc", "azCount 0", { azCount: 0 }, [["azCount", 0]]),
  reject("HardenedVpc", "cidrBlock an Output", { cidrBlock: pulumi.output("10.0.0.0/16") }, [
    ["cidrBlock", unresolved("pulumi.Output")],
  ]),
  reject("HardenedVpc", "cidrBlock host bits", { cidrBlock: "10.0.0.1/16" }, [["cidrBlock", "10.0.0.1/16"]]),
  reject("HardenedVpc", "cidrBlock without prefix", { cidrBlock: "10.0.0.0" }, [["cidrBlock", "10.0.0.0"]]),
  reject("HardenedVpc", "cidrBlock padded", { cidrBlock: " 10.0.0.0/16" }, [["cidrBlock", " 10.0.0.0/16"]]),
  reject("HardenedVpc", "cidrBlock IPv6", { cidrBlock: "fd00::/56" }, [["cidrBlock", "fd00::/56"]]),
  reject("HardenedVpc", "cidrBlock 0.0.0.0/0", { cidrBlock: "0.0.0.0/0" }, [["cidrBlock", "0.0.0.0/0"]]),
  reject("HardenedVpc", "cidrBlock a number", { cidrBlock: 167772160 }, [["cidrBlock", 167772160]]),
  reject("HardenedVpc", "tiers an Output", { tiers: pulumi.output([]) }, [["tiers", unresolved("pulumi.Output")]]),
  reject("HardenedVpc", "tiers a string", { tiers: "public" }, [["tiers", "public"]]),
  reject("HardenedVpc", "tiers [null]", { tiers: [null] }, [["tiers[0]", null]]),
  reject(
    "HardenedVpc",
    'tier prefix "24"',
    {
      tiers: [
        { type: "public", prefix: "24" },
        { type: "private", prefix: 20 },
      ],
    },
    [["tiers[0].prefix", "24"]],
  ),
  reject(
    "HardenedVpc",
    'tier type "Public"',
    {
      tiers: [
        { type: "Public", prefix: 24 },
        { type: "private", prefix: 20 },
      ],
    },
    [
      ["tiers[0].type", "Public"],
      ["natGateways", "per-az"],
    ],
  ),
  reject("HardenedVpc", 'natGateways "per_az"', { natGateways: "per_az" }, [["natGateways", "per_az"]]),
  reject("HardenedVpc", 'natGateways "PER-AZ"', { natGateways: "PER-AZ" }, [["natGateways", "PER-AZ"]]),
  reject("HardenedVpc", 'ssmEndpoints "false"', { ssmEndpoints: "false" }, [["ssmEndpoints", "false"]]),
  reject("HardenedVpc", "ssmEndpoints 0", { ssmEndpoints: 0 }, [["ssmEndpoints", 0]]),
  reject("HardenedVpc", "flowLogRetentionDays 90", { flowLogRetentionDays: 90 }, [["flowLogRetentionDays", 90]]),
  reject("HardenedVpc", 'flowLogRetentionDays "365"', { flowLogRetentionDays: "365" }, [
    ["flowLogRetentionDays", "365"],
  ]),
  reject("HardenedVpc", "flowLogRetentionDays 200 (not a CloudWatch value)", { flowLogRetentionDays: 200 }, [
    ["flowLogRetentionDays", 200],
  ]),
  reject("HardenedVpc", "flowLogRetentionDays a Promise", { flowLogRetentionDays: Promise.resolve(365) }, [
    ["flowLogRetentionDays", unresolved("Promise")],
  ]),
  reject("HardenedVpc", "an invented forceDestroy", { forceDestroy: true }, [["forceDestroy", true]]),
  reject("HardenedVpc", "a misspelled flowLogRetentionDay", { flowLogRetentionDay: 30 }, [["flowLogRetentionDay", 30]]),
  { label: "HardenedVpc: args null", make: () => buildRaw("HardenedVpc", null), problems: [["args", null]] },
  ...adminSourceRows("HardenedVpc", "adminIngressCidrs"),
  ...naclQuotaRows(),

  // Bastion
  reject("Bastion", "allowedCidrs missing", { allowedCidrs: undefined }, [["allowedCidrs", undefined]]),
  reject("Bastion", "allowedCidrs empty", { allowedCidrs: [] }, [["allowedCidrs", []]]),
  ...adminSourceRows("Bastion", "allowedCidrs"),
  reject("Bastion", "allowedCidrs in SSM-only mode", { ssmOnly: true }, [["allowedCidrs", ["203.0.113.0/28"]]]),
  reject("Bastion", 'ssmOnly "false"', { ssmOnly: "false" }, [["ssmOnly", "false"]]),
  reject("Bastion", "ssmOnly 1", { ssmOnly: 1, allowedCidrs: undefined }, [
    ["ssmOnly", 1],
    ["allowedCidrs", undefined],
  ]),
  reject("Bastion", "ssmOnly an Output", { ssmOnly: pulumi.output(false) }, [["ssmOnly", unresolved("pulumi.Output")]]),
  reject("Bastion", "allowUsers a Promise", { allowUsers: Promise.resolve(["ops"]) }, [
    ["allowUsers", unresolved("Promise")],
  ]),
  reject("Bastion", "allowUsers root", { allowUsers: ["root"] }, [["allowUsers[0]", "root"]]),
  reject("Bastion", "allowUsers smuggling root after a space", { allowUsers: ["ec2-user root"] }, [
    ["allowUsers[0]", "ec2-user root"],
  ]),
  reject("Bastion", "allowUsers smuggling an sshd line", { allowUsers: ["ops\nPasswordAuthentication yes"] }, [
    ["allowUsers[0]", "ops\nPasswordAuthentication yes"],
  ]),
  reject("Bastion", "allowUsers a wildcard", { allowUsers: ["*"] }, [["allowUsers[0]", "*"]]),
  reject("Bastion", "allowUsers empty", { allowUsers: [] }, [["allowUsers", []]]),
  reject("Bastion", "allowUsers a string", { allowUsers: "ec2-user" }, [["allowUsers", "ec2-user"]]),
  reject("Bastion", "vpcCidr 0.0.0.0/0", { vpcCidr: "0.0.0.0/0" }, [["vpcCidr", "0.0.0.0/0"]]),
  reject("Bastion", "vpcCidr broader than a VPC", { vpcCidr: "10.0.0.0/8" }, [["vpcCidr", "10.0.0.0/8"]]),
  reject("Bastion", "vpcCidr host bits", { vpcCidr: "10.0.0.5/16" }, [["vpcCidr", "10.0.0.5/16"]]),
  reject("Bastion", "vpcId empty", { vpcId: "" }, [["vpcId", ""]]),
  reject("Bastion", "subnetId missing", { subnetId: undefined }, [["subnetId", undefined]]),
  reject("Bastion", "a misspelled allowedCidr", { allowedCidrs: undefined, allowedCidr: ["203.0.113.0/28"] }, [
    ["allowedCidr", ["203.0.113.0/28"]],
    ["allowedCidrs", undefined],
  ]),
  { label: "Bastion: args undefined", make: () => buildRaw("Bastion", undefined), problems: [["args", undefined]] },

  // WebFirewall
  reject("WebFirewall", 'scope "regional"', { scope: "regional" }, [["scope", "regional"]]),
  reject("WebFirewall", 'rateLimit "1000"', { rateLimit: "1000" }, [["rateLimit", "1000"]]),
  reject("WebFirewall", "rateLimit 5", { rateLimit: 5 }, [["rateLimit", 5]]),
  reject("WebFirewall", "rateLimit fractional", { rateLimit: 100.5 }, [["rateLimit", 100.5]]),
  reject("WebFirewall", "rateLimit NaN", { rateLimit: NaN }, [["rateLimit", NaN]]),
  reject("WebFirewall", "rateLimit Infinity", { rateLimit: Infinity }, [["rateLimit", Infinity]]),
  reject("WebFirewall", "rateLimit an Output", { rateLimit: pulumi.output(100) }, [
    ["rateLimit", unresolved("pulumi.Output")],
  ]),
  reject("WebFirewall", 'blockAnonymousIps "yes"', { blockAnonymousIps: "yes" }, [["blockAnonymousIps", "yes"]]),
  reject("WebFirewall", "blockedUserAgents a string", { blockedUserAgents: "sqlmap" }, [
    ["blockedUserAgents", "sqlmap"],
  ]),
  reject("WebFirewall", "blockedUserAgents padded", { blockedUserAgents: [" sqlmap "] }, [
    ["blockedUserAgents[0]", " sqlmap "],
  ]),
  reject("WebFirewall", "blockedUserAgents too short", { blockedUserAgents: ["ab"] }, [["blockedUserAgents[0]", "ab"]]),
  reject("WebFirewall", "blockedUserAgents a number", { blockedUserAgents: [42] }, [["blockedUserAgents[0]", 42]]),
  reject("WebFirewall", "associateArns a string", { associateArns: "arn:aws:elb:x" }, [
    ["associateArns", "arn:aws:elb:x"],
  ]),
  reject("WebFirewall", "associateArns repeated", { associateArns: [ALB_ARN, ALB_ARN] }, [
    ["associateArns[1]", ALB_ARN],
  ]),
  reject("WebFirewall", "blockedUserAgents an Output", { blockedUserAgents: pulumi.output(["sqlmap"]) }, [
    ["blockedUserAgents", unresolved("pulumi.Output")],
  ]),
  reject("WebFirewall", "blockAnonymousIps a Promise", { blockAnonymousIps: Promise.resolve(true) }, [
    ["blockAnonymousIps", unresolved("Promise")],
  ]),
  reject("WebFirewall", "associateArns an empty ARN", { associateArns: [""] }, [["associateArns[0]", ""]]),
  // CLOUDFRONT takes Amplify apps only (a distribution sets webAclId itself): anything else is refused entry by entry.
  reject(
    "WebFirewall",
    "associateArns with CLOUDFRONT, not an Amplify app",
    { scope: "CLOUDFRONT", associateArns: ["arn:x"] },
    [["associateArns[0]", "arn:x"]],
  ),
  reject("WebFirewall", "logRetentionDays 30", { logRetentionDays: 30 }, [["logRetentionDays", 30]]),
  ...originRequestGateRows(),

  // TrafficForensics
  reject("TrafficForensics", "vpcId empty", { vpcId: "" }, [["vpcId", ""]]),
  reject(
    "TrafficForensics",
    "virtualNetworkId an Output",
    { mirroring: { targetEniId: "e", sourceEniIds: ["a"], virtualNetworkId: pulumi.output(7) } },
    [["mirroring.virtualNetworkId", unresolved("pulumi.Output")]],
  ),
  reject(
    "TrafficForensics",
    "virtualNetworkId 0",
    { mirroring: { targetEniId: "e", sourceEniIds: ["a"], virtualNetworkId: 0 } },
    [["mirroring.virtualNetworkId", 0]],
  ),
  reject("TrafficForensics", "bucketName with capitals", { bucketName: "My_Evidence" }, [
    ["bucketName", "My_Evidence"],
  ]),
  reject("TrafficForensics", "bucketName an IP address", { bucketName: "192.168.1.1" }, [
    ["bucketName", "192.168.1.1"],
  ]),
  reject("TrafficForensics", "retentionDays 179", { retentionDays: 179 }, [["retentionDays", 179]]),
  reject("TrafficForensics", 'retentionDays "365"', { retentionDays: "365" }, [["retentionDays", "365"]]),
  reject("TrafficForensics", "retentionDays an Output", { retentionDays: pulumi.output(365) }, [
    ["retentionDays", unresolved("pulumi.Output")],
  ]),
  reject("TrafficForensics", "an invented forceDestroy", { forceDestroy: true }, [["forceDestroy", true]]),
  reject("TrafficForensics", "mirroring a Promise", { mirroring: Promise.resolve({}) }, [
    ["mirroring", unresolved("Promise")],
  ]),
  reject(
    "TrafficForensics",
    "filterRules an Output",
    { mirroring: { targetEniId: "e", sourceEniIds: ["a"], filterRules: pulumi.output([]) } },
    [["mirroring.filterRules", unresolved("pulumi.Output")]],
  ),
  reject("TrafficForensics", "mirroring a string", { mirroring: "eni-1" }, [["mirroring", "eni-1"]]),
  reject(
    "TrafficForensics",
    "mirroring a misspelled sourceEnis",
    { mirroring: { targetEniId: "eni-s", sourceEnis: ["eni-a"] } },
    [
      ["mirroring.sourceEnis", ["eni-a"]],
      ["mirroring.sourceEniIds", undefined],
    ],
  ),
  reject(
    "TrafficForensics",
    "mirroring the same ENI twice",
    { mirroring: { targetEniId: "eni-s", sourceEniIds: ["eni-a", "eni-a"] } },
    [["mirroring.sourceEniIds[1]", "eni-a"]],
  ),
  reject("TrafficForensics", "mirroring an empty target", { mirroring: { targetEniId: "", sourceEniIds: ["eni-a"] } }, [
    ["mirroring.targetEniId", ""],
  ]),
  reject(
    "TrafficForensics",
    'filter action "allow"',
    { mirroring: { targetEniId: "e", sourceEniIds: ["a"], filterRules: [rule({ action: "allow" })] } },
    [["mirroring.filterRules[0].action", "allow"]],
  ),
  reject(
    "TrafficForensics",
    'filter action "ACCEPT"',
    { mirroring: { targetEniId: "e", sourceEniIds: ["a"], filterRules: [rule({ action: "ACCEPT" })] } },
    [["mirroring.filterRules[0].action", "ACCEPT"]],
  ),
  reject(
    "TrafficForensics",
    'filter protocol "tcp"',
    { mirroring: { targetEniId: "e", sourceEniIds: ["a"], filterRules: [rule({ protocol: "tcp" })] } },
    [["mirroring.filterRules[0].protocol", "tcp"]],
  ),
  reject(
    "TrafficForensics",
    "filter ports reversed",
    {
      mirroring: {
        targetEniId: "e",
        sourceEniIds: ["a"],
        filterRules: [rule({ destinationPortRange: { fromPort: 443, toPort: 22 } })],
      },
    },
    [["mirroring.filterRules[0].destinationPortRange", { fromPort: 443, toPort: 22 }]],
  ),
  reject(
    "TrafficForensics",
    "filter block with a /33 prefix",
    { mirroring: { targetEniId: "e", sourceEniIds: ["a"], filterRules: [rule({ sourceCidrBlock: "10.0.0.0/33" })] } },
    [["mirroring.filterRules[0].sourceCidrBlock", "10.0.0.0/33"]],
  ),
  reject(
    "TrafficForensics",
    "filter block with host bits",
    { mirroring: { targetEniId: "e", sourceEniIds: ["a"], filterRules: [rule({ sourceCidrBlock: "10.0.0.1/8" })] } },
    [["mirroring.filterRules[0].sourceCidrBlock", "10.0.0.1/8"]],
  ),
  reject(
    "TrafficForensics",
    "filter block padded",
    {
      mirroring: { targetEniId: "e", sourceEniIds: ["a"], filterRules: [rule({ destinationCidrBlock: " ::/0" })] },
    },
    [["mirroring.filterRules[0].destinationCidrBlock", " ::/0"]],
  ),
  reject(
    "TrafficForensics",
    "filter rule null",
    { mirroring: { targetEniId: "e", sourceEniIds: ["a"], filterRules: [null] } },
    [["mirroring.filterRules[0]", null]],
  ),

  // DnsFailover
  reject("DnsFailover", "healthCheckPath a number", { healthCheckPath: 42 }, [["healthCheckPath", 42]]),
  reject("DnsFailover", "healthCheckPath without /", { healthCheckPath: "health" }, [["healthCheckPath", "health"]]),
  reject("DnsFailover", "searchString a number", { searchString: 42 }, [["searchString", 42]]),
  reject("DnsFailover", 'failureThreshold "3"', { failureThreshold: "3" }, [["failureThreshold", "3"]]),
  reject("DnsFailover", "ttl -1", { ttl: -1 }, [["ttl", -1]]),
  reject("DnsFailover", 'ttl "60"', { ttl: "60" }, [["ttl", "60"]]),
  reject("DnsFailover", "ttl fractional", { ttl: 1.5 }, [["ttl", 1.5]]),
  reject("DnsFailover", "zoneId empty", { zoneId: "" }, [["zoneId", ""]]),
  reject("DnsFailover", "primary an Output", { primary: pulumi.output({ region: "us-east-1", cname: "a.example" }) }, [
    ["primary", unresolved("pulumi.Output")],
  ]),
  reject(
    "DnsFailover",
    "a misspelled ipAddress",
    {
      primary: { region: "us-east-1", ipAddress: ["203.0.113.10"] },
      secondary: ipSide("eu-west-1", ["198.51.100.10"]),
    },
    [
      ["primary", { region: "us-east-1", ipAddress: ["203.0.113.10"] }],
      ["primary.ipAddress", ["203.0.113.10"]],
    ],
  ),
  reject(
    "DnsFailover",
    "ipAddresses an Output",
    {
      primary: ipSide("us-east-1", pulumi.output(["203.0.113.10"]) as any),
      secondary: ipSide("eu-west-1", ["198.51.100.10"]),
    },
    [["primary.ipAddresses", unresolved("pulumi.Output")]],
  ),
  reject(
    "DnsFailover",
    "ipAddresses empty",
    { primary: ipSide("us-east-1", []), secondary: ipSide("eu-west-1", ["198.51.100.10"]) },
    [["primary.ipAddresses", []]],
  ),
  reject(
    "DnsFailover",
    "ipAddresses private",
    { primary: ipSide("us-east-1", ["10.0.0.1"]), secondary: ipSide("eu-west-1", ["198.51.100.10"]) },
    [["primary.ipAddresses[0]", "10.0.0.1"]],
  ),
  reject(
    "DnsFailover",
    "ipAddresses IPv6 in an A record",
    { primary: ipSide("us-east-1", ["2001:db8::1"]), secondary: ipSide("eu-west-1", ["198.51.100.10"]) },
    [["primary.ipAddresses[0]", "2001:db8::1"]],
  ),
  reject(
    "DnsFailover",
    "ipAddresses a CIDR",
    { primary: ipSide("us-east-1", ["203.0.113.10/32"]), secondary: ipSide("eu-west-1", ["198.51.100.10"]) },
    [["primary.ipAddresses[0]", "203.0.113.10/32"]],
  ),
  reject(
    "DnsFailover",
    "ipAddresses duplicated",
    {
      primary: ipSide("us-east-1", ["203.0.113.10", "203.0.113.10"]),
      secondary: ipSide("eu-west-1", ["198.51.100.10"]),
    },
    [["primary.ipAddresses[1]", "203.0.113.10"]],
  ),
  reject(
    "DnsFailover",
    "alias without zoneId",
    {
      primary: { region: "us-east-1", alias: { name: "alb.example" } },
      secondary: { region: "eu-west-1", alias: { name: "alb2.example", zoneId: "Z2" } },
    },
    [["primary.alias", { name: "alb.example" }]],
  ),
  reject(
    "DnsFailover",
    "regions empty and equal",
    { primary: cnameSide("", "a.example"), secondary: cnameSide("", "b.example") },
    [
      ["primary.region", ""],
      ["secondary.region", ""],
      ["secondary.region", ""],
    ],
  ),

  reject("DnsFailover", "a zone for a region", { secondary: cnameSide("us-east-1a", "b.example") }, [
    ["secondary.region", "us-east-1a"],
  ]),
  reject("DnsFailover", "a region id in capitals", { secondary: cnameSide("US-EAST-1", "b.example") }, [
    ["secondary.region", "US-EAST-1"],
  ]),
  reject(
    "DnsFailover",
    "the same CNAME on both sides",
    { primary: cnameSide("us-east-1", "app.example.net"), secondary: cnameSide("eu-west-1", "App.Example.net.") },
    [["secondary.cname", "App.Example.net."]],
  ),
  reject(
    "DnsFailover",
    "an address on both sides",
    {
      primary: ipSide("us-east-1", ["203.0.113.10"]),
      secondary: ipSide("eu-west-1", ["192.0.2.10", "203.0.113.10"]),
    },
    [["secondary.ipAddresses[1]", "203.0.113.10"]],
  ),
  reject(
    "DnsFailover",
    "the same alias on both sides",
    {
      primary: { region: "us-east-1", alias: { name: "alb.example", zoneId: "Z1" } },
      secondary: { region: "eu-west-1", alias: { name: "alb.example", zoneId: "Z1" } },
    },
    [["secondary.alias.name", "alb.example"]],
  ),
  reject("DnsFailover", "an empty CNAME", { primary: cnameSide("us-east-1", "") }, [["primary.cname", ""]]),
  reject(
    "DnsFailover",
    "an empty healthCheckFqdn",
    { secondary: { ...cnameSide("eu-west-1", "b.example"), healthCheckFqdn: "" } },
    [["secondary.healthCheckFqdn", ""]],
  ),
  reject("DnsFailover", "alarmActions a string", { alarmActions: "arn:aws:sns:x" }, [
    ["alarmActions", "arn:aws:sns:x"],
  ]),

  // Component names that become physical names AWS would refuse, after retained keys and log groups exist.
  reject("HardenedVpc", "a name with a space (flow-log group)", {}, [["name", "my vpc"]], "my vpc"),
  reject("HardenedVpc", "a name with a # (flow-log role)", {}, [["name", "vpc#1"]], "vpc#1"),
  reject("Bastion", "a name with a space (instance role)", {}, [["name", "ops bastion"]], "ops bastion"),
  reject("WebFirewall", "a name with a space (web ACL)", {}, [["name", "web fw"]], "web fw"),
  reject("IdentityBaseline", "a name with a space (MFA policy)", {}, [["name", "id base"]], "id base"),
  reject("TrafficForensics", "a capitalised name (default bucket)", {}, [["name", "Forensics"]], "Forensics"),
  reject("TrafficForensics", "a 42-character name (default bucket)", {}, [["name", "f".repeat(42)]], "f".repeat(42)),

  // AuditTrail
  reject("AuditTrail", "trailName empty", { trailName: "" }, [["trailName", ""]]),
  reject("AuditTrail", "trailName with a space", { trailName: "org trail" }, [["trailName", "org trail"]]),
  reject("AuditTrail", "trailName starting with a dash", { trailName: "-trail" }, [["trailName", "-trail"]]),
  reject("AuditTrail", "trailName an Output", { trailName: pulumi.output("t") }, [
    ["trailName", unresolved("pulumi.Output")],
  ]),
  reject(
    "AuditTrail",
    "default names from a bad component name",
    {},
    [
      ["trailName", "bad name-trail"],
      ["logGroupName", "/hardening/bad name/cloudtrail"],
    ],
    "bad name",
  ),
  reject("AuditTrail", "logGroupName empty", { logGroupName: "" }, [["logGroupName", ""]]),
  reject("AuditTrail", "logGroupName with a space", { logGroupName: "/a b" }, [["logGroupName", "/a b"]]),
  reject("AuditTrail", "bucketName too short", { bucketName: "ab" }, [["bucketName", "ab"]]),
  reject("AuditTrail", "retentionDays 90", { retentionDays: 90 }, [["retentionDays", 90]]),
  reject("AuditTrail", "retentionDays fractional", { retentionDays: 365.5 }, [["retentionDays", 365.5]]),
  reject("AuditTrail", "logRetentionDays 30", { logRetentionDays: 30 }, [["logRetentionDays", 30]]),
  reject("AuditTrail", "an invented forceDestroy", { forceDestroy: true }, [["forceDestroy", true]]),

  // ImmutableBackup
  reject("ImmutableBackup", "copyProvider missing", { copyProvider: undefined }, [["copyProvider", undefined]]),
  reject("ImmutableBackup", "copyProvider a region name", { copyProvider: "us-west-2" }, [
    ["copyProvider", "us-west-2"],
  ]),
  reject("ImmutableBackup", "copyProvider a plain object", { copyProvider: { region: "us-west-2" } }, [
    ["copyProvider", { region: "us-west-2" }],
  ]),
  reject("ImmutableBackup", "vaultName whose copy name is too long", { vaultName: "v".repeat(46) }, [
    ["vaultName", "v".repeat(46)],
  ]),
  reject(
    "ImmutableBackup",
    "default vaultName from a bad component name",
    {},
    [["vaultName", "my backup"]],
    "my backup",
  ),
  reject(
    "ImmutableBackup",
    "a component name too long for the selection name",
    {},
    [["name", "b".repeat(44)]],
    "b".repeat(44),
  ),
  reject(
    "ImmutableBackup",
    "a long component name with a vaultName",
    { vaultName: "vault" },
    [["name", "b".repeat(60)]],
    "b".repeat(60),
  ),
  reject("ImmutableBackup", "changeableForDays 2", { changeableForDays: 2 }, [["changeableForDays", 2]]),
  reject("ImmutableBackup", 'changeableForDays "3"', { changeableForDays: "3" }, [["changeableForDays", "3"]]),
  reject("ImmutableBackup", "minRetentionDays 1", { minRetentionDays: 1 }, [["minRetentionDays", 1]]),
  reject("ImmutableBackup", "dailyRetentionDays an Output", { dailyRetentionDays: pulumi.output(35) }, [
    ["dailyRetentionDays", unresolved("pulumi.Output")],
  ]),
  reject("ImmutableBackup", "selectionTag an Output", { selectionTag: pulumi.output({ key: "b", value: "t" }) }, [
    ["selectionTag", unresolved("pulumi.Output")],
  ]),
  reject("ImmutableBackup", "selectionTag with an empty key", { selectionTag: { key: "", value: "true" } }, [
    ["selectionTag", { key: "", value: "true" }],
  ]),
  reject("ImmutableBackup", "an invented forceDestroy", { forceDestroy: true }, [["forceDestroy", true]]),

  // IdentityBaseline
  reject("IdentityBaseline", 'minimumPasswordLength "14"', { minimumPasswordLength: "14" }, [
    ["minimumPasswordLength", "14"],
  ]),
  reject("IdentityBaseline", "minimumPasswordLength 8", { minimumPasswordLength: 8 }, [["minimumPasswordLength", 8]]),
  reject("IdentityBaseline", "passwordReusePrevention 5", { passwordReusePrevention: 5 }, [
    ["passwordReusePrevention", 5],
  ]),
  reject("IdentityBaseline", "maxPasswordAgeDays 0", { maxPasswordAgeDays: 0 }, [["maxPasswordAgeDays", 0]]),
  reject("IdentityBaseline", "maxPasswordAgeDays a Promise", { maxPasswordAgeDays: Promise.resolve(90) }, [
    ["maxPasswordAgeDays", unresolved("Promise")],
  ]),
  reject("IdentityBaseline", "humanGroupName empty", { humanGroupName: "" }, [["humanGroupName", ""]]),
  reject("IdentityBaseline", "humanGroupName padded", { humanGroupName: " admins" }, [["humanGroupName", " admins"]]),
  reject("IdentityBaseline", 'blockAccountPublicS3 "false"', { blockAccountPublicS3: "false" }, [
    ["blockAccountPublicS3", "false"],
  ]),
  reject("IdentityBaseline", "blockAccountPublicS3 0", { blockAccountPublicS3: 0 }, [["blockAccountPublicS3", 0]]),
];

/** A mirror filter rule that is valid until a row overrides one field. */
function rule(overrides: Record<string, unknown>) {
  return { direction: "ingress", ruleNumber: 100, action: "accept", ...overrides };
}

function ipSide(region: string, ipAddresses: unknown[]) {
  return { region, ipAddresses };
}

function cnameSide(region: string, cname: string) {
  return { region, cname };
}

/** A gate that must be accepted: it registers its listener rule and nothing else. */
const acceptGate = (label: string, gateLabel: string, overrides: () => Record<string, unknown>): AcceptRow => ({
  label: `${GATE}: ${label}`,
  make: () => callGate(gateLabel, { ...gateArgs(), ...overrides() }),
  registers: "aws:lb/listenerRule:ListenerRule",
});

export const ACCEPT_ROWS: AcceptRow[] = [
  accept("HardenedVpc", "narrow public, IPv6 /48 and private admin sources", {
    adminIngressCidrs: ["203.0.113.0/28", "2001:db8:1234::/48", "10.0.0.0/8", "198.51.100.7/32"],
  }),
  accept("HardenedVpc", "two zones without NAT", { azCount: 2, natGateways: "none" }),
  accept("HardenedVpc", "ssmEndpoints true given explicitly", { ssmEndpoints: true }),
  accept("HardenedVpc", "the IPv4 admin sources that fill naclRuleQuota 20 exactly", {
    naclRuleQuota: DEFAULT_NACL_QUOTA,
    adminIngressCidrs: adminSources(fitV4(DEFAULT_NACL_QUOTA), "IPv4"),
  }),
  accept("HardenedVpc", "both families full at the default quota, counted apart", {
    adminIngressCidrs: [
      ...adminSources(fitV4(DEFAULT_NACL_QUOTA), "IPv4"),
      ...adminSources(fitV6(DEFAULT_NACL_QUOTA), "IPv6"),
    ],
  }),
  accept("HardenedVpc", "the IPv4 admin sources that fill naclRuleQuota 40, AWS's maximum", {
    naclRuleQuota: MAX_NACL_QUOTA,
    adminIngressCidrs: adminSources(fitV4(MAX_NACL_QUOTA), "IPv4"),
  }),
  acceptGate("priority 50000, a 40-character header and ARNs as Outputs", "edge", () => ({
    listenerArn: pulumi.output(GATE_LISTENER_ARN),
    targetGroupArn: pulumi.output(GATE_TARGET_GROUP_ARN),
    headerName: "X-" + "a".repeat(38),
    priority: 50000,
  })),
  acceptGate("priority 1 and a header of its own", "edge-1", () => ({ priority: 1, headerName: "X-Origin-Token" })),
  acceptGate("an ALB in another region with its provider", "eu-alb", () => ({
    listenerArn: EU_LISTENER_ARN,
    targetGroupArn: EU_TARGET_GROUP_ARN,
    provider: createGateFirewalls().albRegion,
  })),
  accept("Bastion", "SSM-only without allow-list", { ssmOnly: true, allowedCidrs: undefined }),
  accept("Bastion", "SSM-only with an empty allow-list", { ssmOnly: true, allowedCidrs: [] }),
  accept("Bastion", "an IPv6 /64 operator block and a named user", {
    allowedCidrs: ["2001:db8:1234:5678::/64"],
    allowUsers: ["ops_admin"],
  }),
  accept("Bastion", "vpcCidr and ids as Outputs", {
    vpcCidr: pulumi.output("10.0.0.0/16"),
    vpcId: pulumi.output("vpc-1"),
  }),
  accept("WebFirewall", "the lowest rate limit and one token", { rateLimit: 10, blockedUserAgents: ["sqlmap"] }),
  accept("WebFirewall", "associateArns as Outputs", { associateArns: [pulumi.output("arn:aws:elb:lb")] }),
  accept("TrafficForensics", "an exact bucket name and narrow filter rules", {
    bucketName: "org-evidence.flow-logs-1",
    mirroring: {
      targetNlbArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/s/1",
      sourceEniIds: ["eni-a", pulumi.output("eni-b")],
      filterRules: [
        rule({ protocol: 6, destinationPortRange: { fromPort: 22, toPort: 22 }, sourceCidrBlock: "0.0.0.0/0" }),
        rule({ direction: "egress", sourceCidrBlock: "2001:db8::/32" }),
      ],
    },
  }),
  accept("DnsFailover", "public addresses and the longest path", {
    primary: ipSide("us-east-1", ["198.51.100.10", "203.0.113.10"]),
    secondary: ipSide("eu-west-1", ["192.0.2.10"]),
    healthCheckPath: "/" + "h".repeat(254),
    ttl: 0,
  }),
  accept("AuditTrail", "names at the edges of the rules", {
    trailName: "org.trail_1",
    logGroupName: "/org/trail#1",
    bucketName: "org-trail-123",
    retentionDays: 3650,
  }),
  accept("ImmutableBackup", "the longest vault name", { vaultName: "v".repeat(45) }),
  {
    label: "ImmutableBackup: the longest component name",
    make: () => build("ImmutableBackup", {}, undefined, "b".repeat(43)),
  },
  {
    label: "TrafficForensics: a capitalised name with its own bucketName",
    make: () => build("TrafficForensics", { bucketName: "acme-forensics" }, undefined, "Forensics"),
  },
  {
    label: "TrafficForensics: the longest name for the default bucket",
    make: () => build("TrafficForensics", {}, undefined, "f".repeat(41)),
  },
  ...(["HardenedVpc", "Bastion", "WebFirewall", "IdentityBaseline"] as const).map((c) => ({
    label: `${c}: a name with underscores, dashes and digits`,
    make: () => build(c, {}, undefined, `prod_${c}-1`),
  })),
  accept("DnsFailover", "GovCloud regions", {
    primary: cnameSide("us-gov-west-1", "a.example"),
    secondary: cnameSide("us-gov-east-1", "b.example"),
  }),
  accept("IdentityBaseline", "humanGroupName as an Output", { humanGroupName: pulumi.output("humans") }),
];

const SECURE_DEFAULTS: WarnRow[] = (
  [
    "HardenedVpc",
    "Bastion",
    "WebFirewall",
    "TrafficForensics",
    "DnsFailover",
    "AuditTrail",
    "ImmutableBackup",
    "IdentityBaseline",
    "ThreatDetection",
  ] as const
).map((component) => warns(component, "defaults weaken nothing", {}, []));

export const WARN_ROWS: WarnRow[] = [
  ...SECURE_DEFAULTS,
  warns("HardenedVpc", "a single NAT gateway", { natGateways: "single" }, [/HardenedVpc rt: natGateways is "single"/]),
  warns("HardenedVpc", "flow logs kept the minimum", { flowLogRetentionDays: 180 }, [
    /HardenedVpc rt: flowLogRetentionDays is 180 days, below the default 365/,
  ]),
  warns("HardenedVpc", "no SSM endpoints", { ssmEndpoints: false }, [/HardenedVpc rt: ssmEndpoints is false/]),
  warns("WebFirewall", "WAF logs kept the minimum", { logRetentionDays: 180 }, [
    /WebFirewall rt: logRetentionDays is 180 days, below the default 365/,
  ]),
  warns("WebFirewall", "a shorter scanner list", { blockedUserAgents: ["sql", "nmap"] }, [
    /WebFirewall rt: blockedUserAgents leaves out 27 of the default scanner tokens \(nikto, masscan,/,
  ]),
  warns("WebFirewall", "no scanner list", { blockedUserAgents: [] }, [/WebFirewall rt: blockedUserAgents is empty/]),
  warns("WebFirewall", "a looser rate limit", { rateLimit: 5000 }, [/WebFirewall rt: rateLimit 5000 is above/]),
  warns("TrafficForensics", "evidence kept the minimum", { retentionDays: 180 }, [
    /TrafficForensics rt: retentionDays is 180 days, below the default 365/,
  ]),
  warns("DnsFailover", "ten failed checks before failing over", { failureThreshold: 10 }, [
    /DnsFailover rt: failureThreshold 10 is above the default 3/,
  ]),
  warns("DnsFailover", "the default threshold given explicitly", { failureThreshold: 3 }, []),
  warns("DnsFailover", "a long TTL on CNAME records", { ttl: 300 }, [
    /DnsFailover rt: ttl 300 is above the default 60/,
  ]),
  warns(
    "DnsFailover",
    "a long TTL that alias records ignore",
    {
      ttl: 300,
      primary: { region: "us-east-1", alias: { name: "a.elb", zoneId: "Z1" } },
      secondary: { region: "eu-west-1", alias: { name: "b.elb", zoneId: "Z2" } },
    },
    [],
  ),
  warns("AuditTrail", "trail files and copy kept the minimum", { retentionDays: 180, logRetentionDays: 180 }, [
    /AuditTrail rt: retentionDays is 180 days, below the default 365/,
    /AuditTrail rt: logRetentionDays is 180 days, below the default 365/,
  ]),
  warns("ImmutableBackup", "a lock removable for a month", { changeableForDays: 30 }, [
    /ImmutableBackup rt: changeableForDays is 30, above the default 3/,
  ]),
  warns("ImmutableBackup", "backups kept a week", { dailyRetentionDays: 7, weeklyRetentionDays: 30 }, [
    /ImmutableBackup rt: dailyRetentionDays is 7 days, below the default 35/,
    /ImmutableBackup rt: weeklyRetentionDays is 30 days, below the default 90/,
  ]),
  warns("IdentityBaseline", "passwords kept a year", { maxPasswordAgeDays: 365 }, [
    /IdentityBaseline rt: maxPasswordAgeDays is 365, above the default 90/,
  ]),
  warns("Bastion", "a pinned image", { amiId: "ami-0123456789abcdef0" }, [
    /Bastion rt: amiId replaces the newest Amazon Linux 2023 image/,
  ]),
  warns("WebFirewall", "CLOUDFRONT scope with a us-east-1 provider", { scope: "CLOUDFRONT" }, []),
  warns("IdentityBaseline", "no account-wide S3 block", { blockAccountPublicS3: false }, [
    /IdentityBaseline rt: blockAccountPublicS3 is false/,
  ]),
  warns("HardenedVpc", "naclRuleQuota 21, one above the default", { naclRuleQuota: DEFAULT_NACL_QUOTA + 1 }, [
    /HardenedVpc rt: naclRuleQuota is 21, above the default of 20 rules per network ACL: the account's .* must have been raised to at least 21/,
  ]),
  warns("HardenedVpc", "naclRuleQuota 20 given explicitly", { naclRuleQuota: DEFAULT_NACL_QUOTA }, []),
  {
    label: `${GATE}: a secret Output not marked secret`,
    make: () => callGate("plain-output", { ...gateArgs(), secret: pulumi.output(GATE_SECRET) }),
    warnings: [
      /WebFirewall rt-cdn: originRequestGate\("plain-output"\): secret is an Output that is not marked secret/,
    ],
  },
  {
    label: `${GATE}: a secret Promise, which no Pulumi secret is`,
    make: () => callGate("from-promise", { ...gateArgs(), secret: Promise.resolve(GATE_SECRET) }),
    warnings: [
      /WebFirewall rt-cdn: originRequestGate\("from-promise"\): secret is an Output that is not marked secret/,
    ],
  },
  {
    label: `${GATE}: a secret from config.requireSecret`,
    make: () => callGate("from-config", gateArgs()),
    warnings: [],
  },
];
