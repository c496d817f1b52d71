// AWS data sources the components read, answered with realistic, region-aware values.
import { firstConfigValue, stableHex, type InvokeContext, type InvokeHandler } from "./context";
import { getPolicyDocument } from "./aws-policy-document";
import { CLOUDFRONT_ORIGIN_FACING, cloudFrontOriginFacingId } from "../../lib/cloudfront-origin-facing";

const ZONE_SUFFIXES: Record<string, string[]> = {
  "us-east-1": ["a", "b", "c", "d", "e", "f"],
  "us-west-1": ["a", "c"],
  "ap-northeast-1": ["a", "c", "d"],
  "ap-east-1": ["a", "b", "c"],
  "eu-central-1": ["a", "b", "c"],
  "cn-north-1": ["a", "b", "d"],
};

/** Account that owns the region's classic/application load balancers, for access-log bucket policies. */
const ELB_ACCOUNTS: Record<string, string> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-central-1": "054676820928",
  "ap-east-1": "754344448648",
  "ap-northeast-1": "582318560864",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "cn-north-1": "638102146993",
  "cn-northwest-1": "037604701340",
};

function partition(region: string): { partition: string; dnsSuffix: string } {
  if (region.startsWith("cn-")) return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" };
  if (region.startsWith("us-gov-")) return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com" };
  return { partition: "aws", dnsSuffix: "amazonaws.com" };
}

function accountId(ctx: InvokeContext): string {
  return firstConfigValue(ctx.config, "aws:allowedAccountIds") ?? "123456789012";
}

function regionOf(args: Record<string, any>, ctx: InvokeContext): string {
  return typeof args.region === "string" && args.region ? args.region : ctx.region;
}

function amiId(region: string, name: string): string {
  return `ami-0${stableHex(`${region}/${name}`, 16)}`;
}

const availabilityZones: InvokeHandler = (args, ctx) => {
  const region = regionOf(args, ctx);
  const excluded = new Set<string>(args.excludeNames ?? []);
  const suffixes = ZONE_SUFFIXES[region] ?? ["a", "b", "c"];
  const zones = suffixes.map((s, i) => ({ name: `${region}${s}`, zoneId: `${region.replace(/-/g, "")}-az${i + 1}` }));
  const kept = zones.filter((z) => !excluded.has(z.name));
  return {
    id: region,
    names: kept.map((z) => z.name),
    zoneIds: kept.map((z) => z.zoneId),
    groupNames: kept.map(() => region),
    state: args.state,
  };
};

const ami: InvokeHandler = (args, ctx) => {
  const region = regionOf(args, ctx);
  const filters: { name: string; values: string[] }[] = args.filters ?? [];
  const namePattern = filters.find((f) => f.name === "name")?.values[0] ?? args.nameRegex ?? "al2023-ami-*-x86_64";
  // Wildcards stand for the newest release date; regex anchors and escapes are dropped.
  const name = String(namePattern)
    .replace(/\.\*|\*/g, "2023.6.20250115.0")
    .replace(/[\^$\\]/g, "");
  const architecture =
    filters.find((f) => f.name === "architecture")?.values[0] ?? (/arm64|aarch64/.test(name) ? "arm64" : "x86_64");
  const owner = args.owners?.[0] === "amazon" || !args.owners?.length ? "137112412989" : args.owners[0];
  const id = amiId(region, name);
  return {
    id,
    imageId: id,
    arn: `arn:${partition(region).partition}:ec2:${region}::image/${id}`,
    name,
    architecture,
    ownerId: owner,
    imageOwnerAlias: owner === "137112412989" ? "amazon" : "",
    rootDeviceName: "/dev/xvda",
    rootDeviceType: "ebs",
    virtualizationType: "hvm",
    platformDetails: "Linux/UNIX",
    imdsSupport: "v2.0",
    state: "available",
    public: true,
    mostRecent: args.mostRecent ?? false,
    owners: args.owners ?? [],
    filters,
  };
};

const ssmParameter: InvokeHandler = (args, ctx) => {
  const region = regionOf(args, ctx);
  const name: string = args.name;
  if (!name.startsWith("/aws/service/")) {
    throw new Error(
      `aws:ssm/getParameter:getParameter name "${name}": only public /aws/service/... parameters (e.g. Amazon Linux AMI ids) ` +
        "can be answered offline; pass the value through stack config instead",
    );
  }
  const value = name.includes("/ami-") ? amiId(region, name) : stableHex(name, 12);
  return {
    id: name,
    name,
    arn: `arn:${partition(region).partition}:ssm:${region}::parameter${name}`,
    type: "String",
    value,
    insecureValue: value,
    version: 1,
    withDecryption: args.withDecryption ?? true,
  };
};

const PREFIX_LIST_TOKEN = "aws:ec2/getManagedPrefixList:getManagedPrefixList";
/** The name asked for: the `name` argument, else a `prefix-list-name` filter. */
function prefixListName(args: Record<string, any>): string | undefined {
  if (typeof args.name === "string") return args.name;
  const filters: { name: string; values: string[] }[] = args.filters ?? [];
  return filters.find((f) => f.name === "prefix-list-name")?.values[0];
}

/**
 * Only CloudFront's origin-facing list can be answered: AWS owns it and its id is per region. Its entries change
 * with CloudFront's fleet, so they are left out rather than guessed; `maxEntries` is the weight a rule naming it has.
 */
const managedPrefixList: InvokeHandler = (args, ctx) => {
  const region = regionOf(args, ctx);
  const name = prefixListName(args);
  if (name !== CLOUDFRONT_ORIGIN_FACING) {
    throw new Error(
      `${PREFIX_LIST_TOKEN} name ${name === undefined ? "(none given)" : `"${name}"`}: only ` +
        `"${CLOUDFRONT_ORIGIN_FACING}" can be answered offline; pass another list's id through stack config instead`,
    );
  }
  const { partition: part } = partition(region);
  if (part !== "aws") {
    throw new Error(
      `${PREFIX_LIST_TOKEN} name "${name}": CloudFront's origin-facing list does not exist in ${region} ` +
        `(partition ${part})`,
    );
  }
  // Regions the shared table lacks get a stable id: one the WAF rule does not know without config.
  const id = cloudFrontOriginFacingId(region) ?? `pl-${stableHex(`${region}/${name}`, 8)}`;
  return {
    id,
    name,
    arn: `arn:${part}:ec2:${region}:aws:prefix-list/${id}`,
    addressFamily: "IPv4",
    maxEntries: 55,
    ownerId: "AWS",
    region,
    tags: {},
    version: 1,
  };
};

export const awsInvokes: Record<string, InvokeHandler> = {
  "aws:index/getAvailabilityZones:getAvailabilityZones": availabilityZones,
  "aws:ec2/getAmi:getAmi": ami,
  "aws:ssm/getParameter:getParameter": ssmParameter,
  "aws:index/getCallerIdentity:getCallerIdentity": (_args, ctx) => {
    const account = accountId(ctx);
    const part = partition(ctx.region).partition;
    return { id: account, accountId: account, arn: `arn:${part}:iam::${account}:user/preview`, userId: "AIDAPREVIEW" };
  },
  "aws:index/getRegion:getRegion": (args, ctx) => {
    const region = regionOf(args, ctx);
    const dnsSuffix = partition(region).dnsSuffix;
    return { id: region, name: region, region, endpoint: `ec2.${region}.${dnsSuffix}`, description: region };
  },
  "aws:index/getPartition:getPartition": (_args, ctx) => {
    const { partition: part, dnsSuffix } = partition(ctx.region);
    return { id: part, partition: part, dnsSuffix, reverseDnsPrefix: dnsSuffix.split(".").reverse().join(".") };
  },
  "aws:elb/getServiceAccount:getServiceAccount": (args, ctx) => {
    const region = regionOf(args, ctx);
    const account = ELB_ACCOUNTS[region];
    if (!account) throw new Error(`aws:elb/getServiceAccount:getServiceAccount: no ELB account known for "${region}"`);
    return { id: account, arn: `arn:${partition(region).partition}:iam::${account}:root`, region };
  },
  "aws:iam/getPolicyDocument:getPolicyDocument": (args) => getPolicyDocument(args),
  [PREFIX_LIST_TOKEN]: managedPrefixList,
};
