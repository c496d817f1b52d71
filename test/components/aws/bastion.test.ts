import * as YAML from "yaml";
import { installMocks, ofType, one, recorded, reset, settle, validationErrorOf } from "./mocks";
import { awsSecurityGroupIdOf } from "../mock-ids";

installMocks();
import { Bastion } from "../../../components/aws/bastion";
import { findLoginWeaknesses } from "../../../lib/userdata";

const base = { vpcId: "vpc-1", subnetId: "subnet-pub", vpcCidr: "10.0.0.0/16" };

describe("Bastion (SSH mode)", () => {
  let bastion: Bastion;
  beforeAll(async () => {
    reset();
    bastion = new Bastion("jump", { ...base, allowedCidrs: ["203.0.113.0/28", "2001:db8:1::/56"] });
    bastion.allowSshTo("app", "sg-0a1b2c3d");
    await settle();
  });

  it("accepts 22 only from the allowed blocks and sends only HTTPS out and SSH into the VPC", () => {
    const sg = one("aws:ec2/securityGroup:SecurityGroup");
    expect(sg.inputs.ingress).toEqual([
      { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.0/28"], description: "SSH from operators" },
      {
        protocol: "tcp",
        fromPort: 22,
        toPort: 22,
        ipv6CidrBlocks: ["2001:db8:1::/56"],
        description: "SSH from operators",
      },
    ]);
    expect(sg.inputs.egress).toEqual([
      { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS: SSM, updates" },
      { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"], description: "SSH to private hosts" },
    ]);
  });

  it("requires IMDSv2, encrypts the root volume, uses AL2023 and hardened user data", () => {
    const host = one("aws:ec2/instance:Instance");
    expect(host.inputs.metadataOptions).toEqual({
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
      httpEndpoint: "enabled",
    });
    expect(host.inputs.rootBlockDevice).toMatchObject({ encrypted: true });
    expect(host.inputs.ami).toBe("ami-0al2023");
    expect(host.inputs.associatePublicIpAddress).toBe(true);
    expect(host.inputs.subnetId).toBe("subnet-pub");
    expect(host.inputs.vpcSecurityGroupIds).toEqual([awsSecurityGroupIdOf("jump-sg")]);
    // Tags the policy pack reads to recognise the bastion and its allow-list.
    expect(host.inputs.tags).toMatchObject({
      "hardening:role": "bastion",
      "hardening:allowed-cidrs": "203.0.113.0/28 2001:db8:1::/56",
    });
    const text: string = host.inputs.userData;
    expect(findLoginWeaknesses(text)).toEqual([]);
    const drop = YAML.parse(text).write_files[0].content;
    expect(drop).toContain("PasswordAuthentication no");
    expect(drop).toContain("PermitRootLogin no");
    expect(drop).toContain("AllowUsers ec2-user");
  });

  it("gives the host SSM core through an EC2-only role", () => {
    const trust = JSON.parse(one("aws:iam/role:Role").inputs.assumeRolePolicy);
    expect(trust.Statement[0].Principal).toEqual({ Service: "ec2.amazonaws.com" });
    expect(one("aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.policyArn).toBe(
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    );
  });

  it("lets a private SG accept 22 from the bastion SG only", () => {
    const rule = one("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(rule.name).toBe("jump-ssh-to-app");
    expect(rule.inputs).toEqual({
      securityGroupId: "sg-0a1b2c3d",
      referencedSecurityGroupId: awsSecurityGroupIdOf("jump-sg"),
      ipProtocol: "tcp",
      fromPort: 22,
      toPort: 22,
      description: "SSH from bastion jump only",
    });
  });
});

describe("Bastion (SSM-only mode)", () => {
  it("has no ingress at all, no public IP, and refuses SSH forwarding", async () => {
    reset();
    const b = new Bastion("ssm", { ...base, subnetId: "subnet-priv", ssmOnly: true });
    await settle();
    const sg = one("aws:ec2/securityGroup:SecurityGroup");
    expect(sg.inputs.ingress).toEqual([]);
    expect(sg.inputs.egress).toEqual([
      { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS: SSM, updates" },
    ]);
    expect(one("aws:ec2/instance:Instance").inputs.associatePublicIpAddress).toBe(false);
    expect(one("aws:ec2/instance:Instance").inputs.tags["hardening:allowed-cidrs"]).toBeUndefined();
    expect(() => b.allowSshTo("db", "sg-0d0d0d0d")).toThrow(/SSM-only mode.*fix: use Session Manager/);
    expect(ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toEqual([]);
  });
});

describe("Bastion validation", () => {
  it("requires allowedCidrs in SSH mode", () => {
    const e = validationErrorOf(() => new Bastion("b", { ...base }));
    expect(e.problems.map((p) => p.argument)).toEqual(["allowedCidrs"]);
    expect(e.message).toMatch(/fix: list the addresses operators connect from/);
  });

  it("rejects sets covering the internet, broad public ranges, junk and root, all at once, creating nothing", async () => {
    reset();
    const e = validationErrorOf(
      () =>
        new Bastion("b", {
          ...base,
          allowedCidrs: ["0.0.0.0/0", "::/0", "198.51.100.0/23", "10.0.0.0/8", "300.1.1.1/32"],
          allowUsers: ["ec2-user", "root"],
        }),
    );
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([
      ["allowedCidrs[0]", "0.0.0.0/0"],
      ["allowedCidrs[1]", "::/0"],
      ["allowedCidrs[2]", "198.51.100.0/23"],
      ["allowedCidrs[4]", "300.1.1.1/32"],
      ["allowUsers[1]", "root"],
    ]);
    const split = validationErrorOf(() => new Bastion("c", { ...base, allowedCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }));
    expect(split.problems.map((p) => p.argument)).toEqual(["allowedCidrs[0]", "allowedCidrs[1]"]);
    const ssm = validationErrorOf(() => new Bastion("d", { ...base, ssmOnly: true, allowedCidrs: ["203.0.113.0/28"] }));
    expect(ssm.message).toMatch(/allowedCidrs" is \["203\.0\.113\.0\/28"\]; allowed: nothing in SSM-only mode/);
    await settle();
    expect(recorded).toEqual([]);
  });
});
