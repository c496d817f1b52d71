// Pulumi mocks for the Alibaba Cloud component tests: records every resource's inputs and answers the invokes the
// components make. Import this module before any component so the mocks are in place when resources register.
import * as pulumi from "@pulumi/pulumi";
import { mockIdOf } from "../mock-ids";
import { untilUnchanged } from "../settle";

export interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, any>;
  provider?: string;
}

export const recorded: Recorded[] = [];
export const invokes: { token: string; inputs: Record<string, any> }[] = [];

/** Region the mocks answer for; tests of the second region look at `provider`. */
export const REGION = "cn-hangzhou";

const outputsByType: Record<string, (name: string, inputs: Record<string, any>) => Record<string, any>> = {
  "alicloud:vpc/natGateway:NatGateway": () => ({ snatTableIds: "stb-1,stb-2" }),
  "alicloud:ecs/eipAddress:EipAddress": () => ({ ipAddress: "198.51.100.7" }),
  "alicloud:ecs/instance:Instance": (name) => ({
    networkInterfaceId: `eni-${name}`,
    primaryIpAddress: "10.0.0.10",
    publicIp: "198.51.100.8",
    systemDiskId: `d-${name}`,
  }),
  "alicloud:wafv3/defenseTemplate:DefenseTemplate": (name) => ({ defenseTemplateId: 100 + name.length }),
  "alicloud:wafv3/domain:Domain": (name) => ({ domainId: `${name}-domain-id` }),
  // Each region's balancer has its own address: GTM refuses the same address in both pools.
  "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer": (name) => ({
    address: name.startsWith("standby-") ? "198.51.100.19" : "198.51.100.9",
  }),
};

/** Regions of explicit providers, by provider id, so `getRegions({ current: true })` answers the provider's region. */
const providerRegions = new Map<string, string>();

pulumi.runtime.setMocks(
  {
    newResource(args: pulumi.runtime.MockResourceArgs) {
      if (args.type === "pulumi:providers:alicloud" && args.inputs.region) {
        providerRegions.set(`${args.name}-id`, args.inputs.region);
      }
      const provider = typeof args.provider === "string" ? args.provider.split("::")[3] : undefined;
      recorded.push({ type: args.type, name: args.name, inputs: args.inputs, provider });
      const extra = outputsByType[args.type]?.(args.name, args.inputs) ?? {};
      return { id: mockIdOf(args.type, args.name), state: { ...args.inputs, ...extra } };
    },
    call(args: pulumi.runtime.MockCallArgs) {
      invokes.push({ token: args.token, inputs: args.inputs });
      switch (args.token) {
        case "alicloud:index/getZones:getZones": {
          const zones = ["h", "i", "j"].map((l) => ({ id: `${REGION}-${l}` }));
          return { ids: zones.map((z) => z.id), zones };
        }
        case "alicloud:ecs/getImages:getImages":
          return {
            ids: ["aliyun_3_x64_20G_alibase_20250117.vhd"],
            images: [{ id: "aliyun_3_x64_20G_alibase_20250117.vhd" }],
          };
        case "alicloud:index/getRegions:getRegions": {
          const region = providerRegions.get(args.provider?.split("::").pop() ?? "") ?? REGION;
          return { ids: [region], regions: [{ id: region }] };
        }
        case "alicloud:index/getAccount:getAccount":
          return { id: "1234567890123456" };
        default:
          throw new Error(`unexpected invoke ${args.token}`);
      }
    },
  },
  "hardening-kit",
  "test",
  true,
);

/**
 * Waits until no new resource has registered for five turns of 5 ms (outputs chain through promises). Shorter than
 * the AWS mocks' ten of 10 ms (raised with the AWS product stack's test, 1bc00cb): every Alibaba Cloud component test
 * passes with it, and ten of 10 cost those tests about a fifth more time.
 */
export function settle(): Promise<void> {
  return untilUnchanged(() => recorded.length, 5, 5);
}

/** Resources whose logical name starts with `prefix-` (a component's children). */
export function childrenOf(prefix: string): Recorded[] {
  return recorded.filter((r) => r.name.startsWith(`${prefix}-`) && !r.type.startsWith("hardening:"));
}

/** Children of one type, sorted by name: registration order follows output resolution and is not stable. */
export function ofType(prefix: string, type: string): Recorded[] {
  return childrenOf(prefix)
    .filter((r) => r.type === type)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function one(prefix: string, type: string): Recorded {
  const found = ofType(prefix, type);
  if (found.length !== 1) throw new Error(`expected one ${type} under ${prefix}, found ${found.length}`);
  return found[0];
}

/** Runs `create` and returns the thrown error's message; fails the test if nothing was thrown. */
export function thrown(create: () => unknown): string {
  try {
    create();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the constructor to throw");
}

/** Resource options by logical name, captured by `recordOptions` (pass it in a component's `transformations`). */
export const options = new Map<string, pulumi.ResourceOptions>();
export const recordOptions: pulumi.ResourceTransformation = (args) => {
  options.set(args.name, args.opts);
  return undefined;
};
