// An Alibaba Cloud "normal" security group accepts all outbound traffic unless a rule says otherwise. The bastion's
// group must let it reach HTTPS anywhere, SSH in the VPC only and the cloud's own services, and drop the rest in both
// families at the lowest priority, so no accept is ever shadowed and nothing else is reachable from a taken-over host.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { childrenOf, ofType, settle, thrown } from "./mocks";
import { Bastion, BastionArgs } from "../../../components/alicloud/bastion";

const RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
const base = { vpcId: "vpc-1", vswitchId: "vsw-1", allowedCidrs: ["203.0.113.0/28"], keyName: "ops-key" };

/** The egress rules of `name`, in a stable order, as "protocol port policy priority target". */
function egressOf(name: string): string[] {
  return ofType(name, RULE)
    .filter((r) => r.inputs.type === "egress")
    .map((r) => {
      const i = r.inputs;
      return `${i.ipProtocol} ${i.portRange} ${i.policy} ${i.priority} ${i.cidrIp ?? i.ipv6CidrIp}`;
    })
    .sort();
}

/** Warnings logged while `create` runs and its outputs settle (a value known later warns then). */
async function warningsWhile(create: () => unknown): Promise<string[]> {
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    create();
    await settle();
    return warn.mock.calls.map((call) => String(call[0]));
  } finally {
    warn.mockRestore();
  }
}

const CLOUD_SERVICES = [
  "tcp 53/53 accept 1 100.100.0.0/16",
  "tcp 80/80 accept 1 100.100.0.0/16",
  "udp 123/123 accept 1 100.100.0.0/16",
  "udp 53/53 accept 1 100.100.0.0/16",
];
const HTTPS_AND_DROPS = ["all -1/-1 drop 100 0.0.0.0/0", "all -1/-1 drop 100 ::/0", "tcp 443/443 accept 1 0.0.0.0/0"];

describe("Bastion egress", () => {
  it.each([
    ["vpcCidr as a plain block", "eg-plain", "10.20.0.0/16"],
    ["vpcCidr as an Output (vpc.cidrBlock)", "eg-output", pulumi.output("10.20.0.0/16")],
  ])("%s: HTTPS anywhere, SSH to the VPC only, cloud services, then drop all", async (_probe, name, vpcCidr) => {
    const warnings = await warningsWhile(() => new Bastion(name, { ...base, vpcCidr }));
    expect(egressOf(name)).toEqual([...HTTPS_AND_DROPS, ...CLOUD_SERVICES, "tcp 22/22 accept 1 10.20.0.0/16"].sort());
    expect(warnings.filter((w) => w.includes(`"${name}"`))).toEqual([]);
    // Every rule states the fields the API would otherwise default.
    for (const r of ofType(name, RULE)) {
      expect(r.inputs).toEqual(
        expect.objectContaining({
          portRange: expect.any(String),
          priority: expect.any(Number),
          policy: expect.any(String),
        }),
      );
    }
  });

  it("without vpcCidr keeps SSH to private space and warns naming vpcCidr", async () => {
    const warnings = await warningsWhile(() => new Bastion("eg-none", base));
    expect(egressOf("eg-none")).toEqual(
      [
        ...HTTPS_AND_DROPS,
        ...CLOUD_SERVICES,
        "tcp 22/22 accept 1 10.0.0.0/8",
        "tcp 22/22 accept 1 172.16.0.0/12",
        "tcp 22/22 accept 1 192.168.0.0/16",
      ].sort(),
    );
    const own = warnings.filter((w) => w.includes('Bastion "eg-none"'));
    expect(own).toHaveLength(1);
    expect(own[0]).toContain("vpcCidr is not given");
    expect(own[0]).toContain("vpcCidr: vpc.cidrBlock");
  });

  it("the drop rules come after every accept and cover both families", async () => {
    new Bastion("eg-order", { ...base, vpcCidr: "10.20.0.0/16" });
    await settle();
    const egress = ofType("eg-order", RULE).filter((r) => r.inputs.type === "egress");
    const accepts = egress.filter((r) => r.inputs.policy === "accept");
    const drops = egress.filter((r) => r.inputs.policy === "drop");
    expect(Math.max(...accepts.map((r) => r.inputs.priority))).toBeLessThan(
      Math.min(...drops.map((r) => r.inputs.priority)),
    );
    expect(drops.map((r) => [r.inputs.cidrIp, r.inputs.ipv6CidrIp, r.inputs.ipProtocol]).sort()).toEqual([
      [undefined, "::/0", "all"],
      ["0.0.0.0/0", undefined, "all"],
    ]);
    // Nothing but HTTPS is accepted towards the internet.
    const internet = accepts.filter((r) => r.inputs.cidrIp === "0.0.0.0/0" || r.inputs.ipv6CidrIp === "::/0");
    expect(internet.map((r) => r.inputs.portRange)).toEqual(["443/443"]);
  });

  it("a public vpcCidr is built but warns that the bastion may SSH to all of it", async () => {
    const warnings = await warningsWhile(
      () => new Bastion("eg-public", { ...base, vpcCidr: pulumi.output("8.8.0.0/16") }),
    );
    expect(egressOf("eg-public")).toContain("tcp 22/22 accept 1 8.8.0.0/16");
    expect(warnings.filter((w) => w.includes('Bastion "eg-public"') && w.includes("vpcCidr"))).toHaveLength(1);
  });

  const badCidrs: [string, unknown][] = [
    ["the internet", "0.0.0.0/0"],
    ["host bits", "10.20.0.1/16"],
    ["a bare address", "10.20.0.1"],
    ["IPv6", "fd00::/48"],
    ["reserved for Alibaba Cloud services", "100.64.0.0/16"],
    ["wider than /8", "32.0.0.0/4"],
    ["narrower than /28", "10.20.0.0/29"],
    ["a number", 167772160],
    ["blank", ""],
  ];

  it.each(badCidrs)("refuses vpcCidr %s at construction, naming it and its value", (_probe, vpcCidr) => {
    const message = thrown(() => new Bastion("eg-bad", { ...base, vpcCidr } as unknown as BastionArgs));
    expect(message).toContain(`argument "vpcCidr" is ${JSON.stringify(vpcCidr)}`);
    // Refused for what it is, not as an argument the component does not know.
    expect(message).toMatch(/"vpcCidr" is [^\n]*; allowed: (the VPC's IPv4 block|an IPv4 CIDR)/);
    expect(childrenOf("eg-bad")).toEqual([]);
  });

  it.each(badCidrs.map(([probe, value], i) => [probe, `eg-late-${i}`, value] as const))(
    "refuses vpcCidr %s given as an Output once known, creating nothing",
    async (_probe, name, vpcCidr) => {
      const failures = await registrationFailures(async () => {
        new Bastion(name, { ...base, vpcCidr: pulumi.output(vpcCidr) } as unknown as BastionArgs);
        await settle();
      });
      expect(failures).toHaveLength(1);
      expect(failures[0].startsWith(`Bastion "${name}": 1 invalid argument`)).toBe(true);
      expect(failures[0]).toContain(`argument "vpcCidr" is ${JSON.stringify(vpcCidr)}`);
      expect(childrenOf(name)).toEqual([]);
    },
  );
});
