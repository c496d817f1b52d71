// Alibaba Cloud data sources the components read, answered with realistic, region-aware values.
import { firstConfigValue, stableHex, type InvokeContext, type InvokeHandler } from "./context";

const ZONE_LETTERS: Record<string, string[]> = {
  "cn-hangzhou": ["h", "i", "j", "k"],
  "cn-shanghai": ["e", "f", "g", "l"],
  "cn-beijing": ["h", "i", "j", "k", "l"],
  "cn-shenzhen": ["d", "e", "f"],
  "cn-hongkong": ["b", "c", "d"],
  "ap-southeast-1": ["a", "b", "c"],
  "eu-central-1": ["a", "b"],
  "us-west-1": ["a", "b"],
};

const REGION_NAMES: Record<string, string> = {
  "cn-hangzhou": "华东1（杭州）",
  "cn-shanghai": "华东2（上海）",
  "cn-beijing": "华北2（北京）",
  "cn-shenzhen": "华南1（深圳）",
  "cn-hongkong": "中国香港",
  "ap-southeast-1": "新加坡",
  "eu-central-1": "德国（法兰克福）",
  "us-west-1": "美国（硅谷）",
};

function accountId(ctx: InvokeContext): string {
  return firstConfigValue(ctx.config, "alicloud:accountId") ?? "1234567890123456";
}

const zones: InvokeHandler = (args, ctx) => {
  const letters = ZONE_LETTERS[ctx.region] ?? ["a", "b", "c"];
  const list = letters.map((l) => ({
    id: `${ctx.region}-${l}`,
    localName: `${REGION_NAMES[ctx.region] ?? ctx.region} 可用区${l.toUpperCase()}`,
    availableInstanceTypes: args.availableInstanceType
      ? [args.availableInstanceType]
      : ["ecs.g7.large", "ecs.c7.large"],
    availableResourceCreations: ["Instance", "Disk", "VSwitch", "Rds", "Slb"],
    availableDiskCategories: ["cloud_essd", "cloud_efficiency", "cloud_ssd"],
    multiZoneIds: [],
    slbSlaveZoneIds: [],
  }));
  return { id: stableHex(`${ctx.region}/zones`, 8), ids: list.map((z) => z.id), zones: list };
};

const images: InvokeHandler = (args, ctx) => {
  const pattern = typeof args.nameRegex === "string" ? args.nameRegex : "^aliyun_3_x64";
  const base = pattern.replace(/[\^$\\]/g, "").replace(/\.\*|\*/g, "");
  const name = `${base}${base.endsWith("_") ? "" : "_"}20G_alibase_20250117.vhd`;
  const architecture = args.architecture ?? (/arm|aarch/.test(name) ? "arm64" : "x86_64");
  const id = name;
  const image = {
    id,
    imageId: id,
    name,
    imageName: name,
    architecture,
    osType: "linux",
    osName: "Alibaba Cloud Linux 3.2104 LTS 64位",
    osNameEn: "Alibaba Cloud Linux 3.2104 LTS 64 bit",
    platform: "Aliyun",
    imageOwnerAlias: args.owners ?? "system",
    status: "Available",
    state: "Available",
    size: 20,
    creationTime: "2025-01-17T00:00:00Z",
    diskDeviceMappings: [],
    isSupportIoOptimized: true,
    usage: "instance",
    progress: "100%",
  };
  return { id: stableHex(`${ctx.region}/${name}`, 8), ids: [id], images: [image], nameRegex: args.nameRegex };
};

const regions: InvokeHandler = (args, ctx) => {
  const wanted: string[] = args.current ? [ctx.region] : args.regionId ? [args.regionId] : Object.keys(REGION_NAMES);
  const list = wanted.map((r) => ({ id: r, regionId: r, localName: REGION_NAMES[r] ?? r }));
  return { id: stableHex(wanted.join(","), 8), ids: list.map((r) => r.id), regions: list, current: args.current };
};

export const alicloudInvokes: Record<string, InvokeHandler> = {
  "alicloud:index/getZones:getZones": zones,
  "alicloud:ecs/getImages:getImages": images,
  "alicloud:index/getRegions:getRegions": regions,
  "alicloud:index/getAccount:getAccount": (_args, ctx) => ({ id: accountId(ctx) }),
  "alicloud:index/getCallerIdentity:getCallerIdentity": (_args, ctx) => {
    const account = accountId(ctx);
    return { id: account, accountId: account, arn: `acs:ram::${account}:root`, identityType: "Account" };
  },
};
