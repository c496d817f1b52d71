import { installMocks, invokes, ofType, one, recorded, reset, settle, validationErrorOf, valueOf } from "./mocks";
import { awsSecurityGroupIdOf } from "../mock-ids";

installMocks();
// Imported after the mocks are in place.
import { HardenedVpc, pickZones } from "../../../components/aws/hardenedVpc";

const T = {
  subnet: "aws:ec2/subnet:Subnet",
  nacl: "aws:ec2/networkAcl:NetworkAcl",
  defaultNacl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
  defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  igw: "aws:ec2/internetGateway:InternetGateway",
  nat: "aws:ec2/natGateway:NatGateway",
  flowLog: "aws:ec2/flowLog:FlowLog",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  key: "aws:kms/key:Key",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  route: "aws:ec2/route:Route",
};

describe("HardenedVpc defaults", () => {
  let vpc: HardenedVpc;
  beforeAll(async () => {
    reset();
    vpc = new HardenedVpc("core", { adminIngressCidrs: ["203.0.113.0/28"] });
    await settle();
  });

  it("carves 3 zones × public/private/isolated with no auto public IPs", async () => {
    const subnets = ofType(T.subnet);
    expect(subnets.map((s) => [s.name, s.inputs.cidrBlock, s.inputs.availabilityZone])).toEqual([
      ["core-public-0", "10.0.0.0/24", "us-east-1a"],
      ["core-public-1", "10.0.1.0/24", "us-east-1b"],
      ["core-public-2", "10.0.2.0/24", "us-east-1c"],
      ["core-private-0", "10.0.16.0/20", "us-east-1a"],
      ["core-private-1", "10.0.32.0/20", "us-east-1b"],
      ["core-private-2", "10.0.48.0/20", "us-east-1c"],
      ["core-isolated-0", "10.0.64.0/24", "us-east-1a"],
      ["core-isolated-1", "10.0.65.0/24", "us-east-1b"],
      ["core-isolated-2", "10.0.66.0/24", "us-east-1c"],
    ]);
    expect(subnets.every((s) => s.inputs.mapPublicIpOnLaunch === false)).toBe(true);
    expect(await valueOf(vpc.azNames)).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
  });

  it("asks for Availability Zones proper, never an opted-in Local or Wavelength Zone", () => {
    const asked = invokes.filter((i) => i.token === "aws:index/getAvailabilityZones:getAvailabilityZones");
    expect(asked.length).toBeGreaterThan(0);
    for (const { args } of asked) {
      expect(args).toMatchObject({
        state: "available",
        filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
      });
    }
  });

  it("strips the default security group and the default NACL of every rule", () => {
    const sg = one(T.defaultSg);
    expect(sg.inputs.ingress).toEqual([]);
    expect(sg.inputs.egress).toEqual([]);
    const nacl = one(T.defaultNacl);
    expect(nacl.inputs.defaultNetworkAclId).toBe("acl-default");
    expect(nacl.inputs.ingress).toEqual([]);
    expect(nacl.inputs.egress).toEqual([]);
  });

  it("denies the admin ports (22, 3389, 5900, 5985, 5986) from 0.0.0.0/0 and ::/0 on public subnets below every internet allow", () => {
    const nacl = one(T.nacl, /public/);
    const ingress: any[] = nacl.inputs.ingress;
    const denies = ingress.filter((r) => r.action === "deny");
    expect(denies.map((r) => [r.ruleNo, r.protocol, r.fromPort, r.toPort, r.cidrBlock ?? r.ipv6CidrBlock])).toEqual([
      [50, "tcp", 22, 22, "0.0.0.0/0"],
      [51, "tcp", 22, 22, "::/0"],
      [52, "tcp", 3389, 3389, "0.0.0.0/0"],
      [53, "tcp", 3389, 3389, "::/0"],
      [54, "udp", 3389, 3389, "0.0.0.0/0"],
      [55, "udp", 3389, 3389, "::/0"],
      [56, "tcp", 5900, 5900, "0.0.0.0/0"],
      [57, "tcp", 5900, 5900, "::/0"],
      [58, "tcp", 5985, 5985, "0.0.0.0/0"],
      [59, "tcp", 5985, 5985, "::/0"],
      [60, "tcp", 5986, 5986, "0.0.0.0/0"],
      [61, "tcp", 5986, 5986, "::/0"],
    ]);
    const internetAllows = ingress.filter((r) => r.action === "allow" && r.cidrBlock === "0.0.0.0/0");
    expect(Math.min(...internetAllows.map((r) => r.ruleNo))).toBeGreaterThan(61);
    // NACLs hold 20 inbound rules per address family by default, AWS's own default deny included.
    expect(ingress.filter((r) => r.cidrBlock !== undefined).length + 1).toBeLessThanOrEqual(20);
    expect(ingress.filter((r) => r.ipv6CidrBlock !== undefined).length + 1).toBeLessThanOrEqual(20);
    // The only allow below the denies is SSH from the operator block.
    expect(ingress.filter((r) => r.ruleNo < 50)).toEqual([
      { ruleNo: 10, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "203.0.113.0/28" },
    ]);
    expect(nacl.inputs.subnetIds).toEqual(["core-public-0-id", "core-public-1-id", "core-public-2-id"]);
  });

  it("keeps isolated subnets inside the VPC", () => {
    const nacl = one(T.nacl, /isolated/);
    const vpcOnly = [
      { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.0.0.0/16" },
    ];
    expect(nacl.inputs.ingress).toEqual(vpcOnly);
    expect(nacl.inputs.egress).toEqual(vpcOnly);
    const isolatedRoutes = ofType(T.route).filter((r) => /isolated/.test(r.name));
    expect(isolatedRoutes).toEqual([]);
  });

  it("has one IGW and a NAT per zone, private default routes through NAT", () => {
    expect(ofType(T.igw)).toHaveLength(1);
    expect(ofType(T.nat).map((n) => n.inputs.subnetId)).toEqual([
      "core-public-0-id",
      "core-public-1-id",
      "core-public-2-id",
    ]);
    const privateRoutes = ofType(T.route, /private-default/);
    expect(privateRoutes.map((r) => r.inputs.natGatewayId)).toEqual([
      "core-nat-0-id",
      "core-nat-1-id",
      "core-nat-2-id",
    ]);
    expect(one(T.route, /public-default/).inputs).toMatchObject({
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: "core-igw-id",
    });
  });

  it("logs ALL traffic to a KMS-encrypted log group kept 365 days", () => {
    const flowLog = one(T.flowLog);
    const group = one(T.logGroup);
    expect(flowLog.inputs).toMatchObject({
      vpcId: "core-vpc-id",
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: `arn:aws:logs:us-east-1:123456789012:log-group:/hardening/core/vpc-flow-logs`,
    });
    expect(group.inputs).toMatchObject({ name: "/hardening/core/vpc-flow-logs", retentionInDays: 365 });
    expect(group.inputs.kmsKeyId).toBe("arn:aws:mock:us-east-1:123456789012:kms/key/core-flow-logs-key");
    const policy = JSON.parse(one(T.key).inputs.policy);
    const logs = policy.Statement.find((s: any) => s.Sid === "CloudWatchLogsUse");
    expect(logs.Principal).toEqual({ Service: "logs.us-east-1.amazonaws.com" });
    expect(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toEqual([
      "arn:aws:logs:us-east-1:123456789012:log-group:/hardening/core/vpc-flow-logs",
    ]);
    expect(one(T.key).inputs.enableKeyRotation).toBe(true);
    const trust = JSON.parse(one("aws:iam/role:Role", /flow-logs/).inputs.assumeRolePolicy);
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
      },
    ]);
  });

  it("adds SSM interface endpoints reachable on 443 from the VPC only, and an S3 gateway", () => {
    const sg = one(T.sg, /endpoints/);
    expect(sg.inputs.ingress).toEqual([
      { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"], description: "HTTPS from the VPC" },
    ]);
    expect(sg.inputs.egress).toEqual([]);
    const endpoints = ofType(T.endpoint).sort((a, b) => a.name.localeCompare(b.name));
    expect(endpoints.map((e) => [e.inputs.serviceName, e.inputs.vpcEndpointType])).toEqual([
      ["com.amazonaws.us-east-1.ec2messages", "Interface"],
      ["com.amazonaws.us-east-1.s3", "Gateway"],
      ["com.amazonaws.us-east-1.ssm", "Interface"],
      ["com.amazonaws.us-east-1.ssmmessages", "Interface"],
    ]);
    for (const e of endpoints.filter((x) => x.inputs.vpcEndpointType === "Interface")) {
      expect(e.inputs.subnetIds).toEqual(["core-private-0-id", "core-private-1-id", "core-private-2-id"]);
      expect(e.inputs.securityGroupIds).toEqual([awsSecurityGroupIdOf("core-endpoints-sg")]);
      expect(e.inputs.privateDnsEnabled).toBe(true);
    }
    expect(endpoints[1].inputs.routeTableIds).toHaveLength(5);
  });
});

describe("HardenedVpc variants", () => {
  it("has no IGW and no NAT without a public tier, and a single NAT when asked", async () => {
    reset();
    new HardenedVpc("dark", { azCount: 2, natGateways: "none", tiers: [{ type: "isolated", prefix: 24 }] });
    await settle();
    expect(ofType(T.igw)).toEqual([]);
    expect(ofType(T.nat)).toEqual([]);
    expect(ofType(T.subnet)).toHaveLength(2);

    reset();
    new HardenedVpc("thrifty", { azCount: 2, natGateways: "single" });
    await settle();
    expect(ofType(T.nat)).toHaveLength(1);
    expect(ofType(T.route, /private-default/).map((r) => r.inputs.natGatewayId)).toEqual([
      "thrifty-nat-0-id",
      "thrifty-nat-0-id",
    ]);
    // Without admin sources no SSH allow precedes the denies.
    expect(one(T.nacl, /public/).inputs.ingress.filter((r: any) => r.ruleNo < 50)).toEqual([]);
  });

  it("names azCount when the region has fewer zones (every child waits on this check)", () => {
    expect(pickZones("v", ["a", "b", "c"], 2)).toEqual(["a", "b"]);
    expect(() => pickZones("v", ["xx-1a", "xx-1b"], 3)).toThrow(
      /argument "azCount" is 3 but the region offers 2 available zone\(s\) \(xx-1a, xx-1b\); allowed: at most 2; fix: lower azCount/,
    );
  });
});

describe("HardenedVpc validation", () => {
  it("lists every bad argument and creates nothing", async () => {
    reset();
    const error = validationErrorOf(
      () =>
        new HardenedVpc("bad", {
          cidrBlock: "10.0.0.5/16",
          azCount: 4,
          tiers: [
            { type: "public", prefix: 24 },
            { type: "public", prefix: 24 },
            { type: "dmz" as any, prefix: 24 },
          ],
          natGateways: "some" as any,
          adminIngressCidrs: ["0.0.0.0/1", "128.0.0.0/1", "10.1.0.0/16", "nonsense", "198.51.100.0/22"],
          flowLogRetentionDays: 30,
        }),
    );
    expect(error.problems.map((p) => p.argument)).toEqual([
      "azCount",
      "tiers[1].type",
      "tiers[2].type",
      "cidrBlock",
      "natGateways",
      "adminIngressCidrs[0]",
      "adminIngressCidrs[1]",
      "adminIngressCidrs[3]",
      "adminIngressCidrs[4]",
      "flowLogRetentionDays",
    ]);
    expect(error.message).toContain('argument "flowLogRetentionDays" is 30');
    expect(error.message).toMatch(/adminIngressCidrs\[4\]" is "198\.51\.100\.0\/22".*fix: replace it/);
    expect(error.message).toMatch(/azCount" is 4; allowed: 2 or 3; fix:/);
    await settle();
    expect(recorded).toEqual([]);
  });

  it("rejects NAT without a public tier and a plan that does not fit", () => {
    const nat = validationErrorOf(() => new HardenedVpc("n", { tiers: [{ type: "private", prefix: 24 }] }));
    expect(nat.problems.map((p) => p.argument)).toEqual(["natGateways"]);
    const fit = validationErrorOf(
      () =>
        new HardenedVpc("f", {
          cidrBlock: "10.0.0.0/24",
          tiers: [{ type: "public", prefix: 25 }],
          natGateways: "none",
        }),
    );
    expect(fit.problems.map((p) => p.argument)).toEqual(["tiers"]);
    expect(fit.message).toMatch(/need 384 addresses/);
  });
});
