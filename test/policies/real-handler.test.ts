// The pack's rules driven through @pulumi/policy's own Analyze handler, in process: unknown markers, the proxy and
// the violation reporting behave exactly as in a preview.
import { analyzeThroughHandler as analyze } from "./analyze-handler";
import { UNKNOWN } from "./harness";

describe("through @pulumi/policy's Analyze handler", () => {
  it("blocks a known-bad CIDR on 22 although the group id is unknown", async () => {
    const ds = await analyze("aws:ec2/securityGroupRule:SecurityGroupRule", "ssh", {
      type: "ingress",
      securityGroupId: UNKNOWN,
      protocol: "tcp",
      fromPort: 22,
      toPort: 22,
      cidrBlocks: ["0.0.0.0/0"],
    });
    expect(ds.filter((d: any) => d.level === "mandatory").map((d: any) => d.policy)).toEqual([
      "disallow-internet-admin-ports",
      "disallow-public-high-risk-ports",
    ]);
    expect(ds.some((d: any) => /can't run .* during preview/.test(d.message))).toBe(false);
  });

  it("says explicitly which risky field is unknown instead of the proxy's silent downgrade", async () => {
    const ds = await analyze("alicloud:ecs/securityGroupRule:SecurityGroupRule", "ssh", {
      type: "ingress",
      ipProtocol: "tcp",
      portRange: "22/22",
      cidrIp: UNKNOWN,
      securityGroupId: UNKNOWN,
    });
    expect(ds).toEqual([
      {
        policy: "disallow-internet-admin-ports",
        level: "advisory",
        message:
          "cannot be verified at preview: rule source CIDR is unknown — breaks case step 1 (SSH brute-forced in 137 s)",
      },
      {
        policy: "disallow-public-high-risk-ports",
        level: "advisory",
        message:
          "cannot be verified at preview: rule source CIDR is unknown — breaks case step 3 (databases reached from 12 internet IPs)",
      },
    ]);
  });

  it("passes a hardened instance whose unrelated fields are unknown", async () => {
    const ds = await analyze("aws:ec2/instance:Instance", "web", {
      ami: UNKNOWN,
      subnetId: UNKNOWN,
      metadataOptions: { httpTokens: "required" },
      userData: "#!/bin/bash\necho ok\n",
    });
    expect(ds).toEqual([]);
  });
});
