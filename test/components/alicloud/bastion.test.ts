import { childrenOf, invokes, one, ofType, recorded, settle, thrown } from "./mocks";
import { alicloudSecurityGroupIdOf } from "../mock-ids";
import { Bastion } from "../../../components/alicloud/bastion";
import { findLoginWeaknesses } from "../../../lib/userdata";

describe("Bastion", () => {
  let bastion: Bastion;
  beforeAll(async () => {
    bastion = new Bastion("ops", {
      vpcId: "vpc-1",
      vswitchId: "vsw-public",
      allowedCidrs: ["203.0.113.0/28", "2001:db8:1::/48"],
      keyName: "ops-key",
    });
    bastion.allowSshTo("sg-web", "web");
    await settle();
  });

  it("logs in by key pair only, with metadata tokens, Security Center and an encrypted disk", () => {
    const instance = one("ops", "alicloud:ecs/instance:Instance").inputs;
    expect(instance).toMatchObject({
      keyName: "ops-key",
      httpTokens: "required",
      securityEnhancementStrategy: "Active",
      systemDiskEncrypted: true,
      internetMaxBandwidthOut: 5,
      vswitchId: "vsw-public",
      securityGroups: [alicloudSecurityGroupIdOf("ops-sg")],
      imageId: "aliyun_3_x64_20G_alibase_20250117.vhd",
    });
    for (const field of ["password", "kmsEncryptedPassword", "passwordInherit"]) {
      expect(instance[field]).toBeUndefined();
    }
    expect(invokes.some((i) => i.token === "alicloud:ecs/getImages:getImages" && i.inputs.owners === "system")).toBe(
      true,
    );
  });

  it("writes hardened sshd user data with no login weakness", () => {
    const userData: string = one("ops", "alicloud:ecs/instance:Instance").inputs.userData;
    expect(userData.startsWith("#cloud-config")).toBe(true);
    expect(userData).toContain("ssh_pwauth: false");
    expect(findLoginWeaknesses(userData)).toEqual([]);
  });

  it("accepts SSH only from the allowed sources: tcp 22/22, accept, priority 1", () => {
    const rules = ofType("ops", "alicloud:ecs/securityGroupRule:SecurityGroupRule")
      .filter((r) => r.name.startsWith("ops-ssh-in-"))
      .map((r) => r.inputs);
    expect(rules).toEqual([
      expect.objectContaining({
        securityGroupId: alicloudSecurityGroupIdOf("ops-sg"),
        type: "ingress",
        ipProtocol: "tcp",
        portRange: "22/22",
        policy: "accept",
        priority: 1,
        cidrIp: "203.0.113.0/28",
      }),
      expect.objectContaining({ portRange: "22/22", policy: "accept", priority: 1, ipv6CidrIp: "2001:db8:1::/48" }),
    ]);
    expect(rules.some((r) => r.cidrIp === "0.0.0.0/0" || r.ipv6CidrIp === "::/0")).toBe(false);
  });

  it("lets a private group accept SSH from the bastion group only", () => {
    const rule = recorded.find((r) => r.name === "ops-ssh-to-web");
    expect(rule?.inputs).toEqual(
      expect.objectContaining({
        securityGroupId: "sg-web",
        type: "ingress",
        ipProtocol: "tcp",
        portRange: "22/22",
        policy: "accept",
        priority: 1,
        sourceSecurityGroupId: alicloudSecurityGroupIdOf("ops-sg"),
      }),
    );
    expect(rule?.inputs.cidrIp).toBeUndefined();
  });

  it("is the only instance here with public bandwidth", () => {
    const instances = recorded.filter((r) => r.type === "alicloud:ecs/instance:Instance");
    expect(instances.filter((i) => (i.inputs.internetMaxBandwidthOut ?? 0) > 0).map((i) => i.name)).toEqual([
      "ops-instance",
    ]);
  });

  it("rejects internet-wide sources, passwords, root and bad bandwidth together, creating nothing", () => {
    const message = thrown(
      () =>
        new Bastion("bad", {
          vpcId: "vpc-1",
          vswitchId: "vsw-1",
          allowedCidrs: ["0.0.0.0/0", "10.0.0.0/8", "1.0.0.0/8"],
          keyName: "k",
          allowUsers: ["root"],
          internetMaxBandwidthOut: 0,
          password: "hunter2",
        } as any),
    );
    expect(message).toContain('Bastion "bad": 5 invalid arguments');
    expect(message).toContain('argument "allowedCidrs[0]" is "0.0.0.0/0"');
    expect(message).toContain('argument "allowedCidrs[2]" is "1.0.0.0/8"');
    expect(message).not.toContain("allowedCidrs[1]");
    expect(message).toContain('argument "internetMaxBandwidthOut" is 0');
    expect(message).toContain('argument "password" is "(secret)"');
    expect(message).not.toContain("hunter2");
    expect(message).toContain('argument "allowUsers[0]" is "root"');
    expect(message).toContain("fix: remove password and pass keyName");
    expect(childrenOf("bad")).toEqual([]);
  });
});
