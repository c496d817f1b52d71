// Managed Kubernetes API servers facing the internet: EKS public endpoints and ACK internet SLBs / EIPs, judged by
// the high-risk-port rule as the Kubernetes API port 6443.
import { disallowPublicHighRiskPorts } from "../../policies/rules/disallow-public-high-risk-ports";
import { hardeningRules } from "../../policies/catalog";
import { HIGH_RISK_PORTS } from "../../lib/ports";
import { advisory, Case, mandatory, run, table, UNKNOWN } from "./harness";
import { CFN_STACK, cfnJson, rule } from "./templates-fixtures";

const EKS = "aws:eks/cluster:Cluster";
const ACK_MANAGED = "alicloud:cs/managedKubernetes:ManagedKubernetes";
const ACK_DEDICATED = "alicloud:cs/kubernetes:Kubernetes";
const ACK_EDGE = "alicloud:cs/edgeKubernetes:EdgeKubernetes";
const ACK_SERVERLESS = "alicloud:cs/serverlessKubernetes:ServerlessKubernetes";

const SUBNETS = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"];
const eks = (vpc: Record<string, unknown>) => ({
  name: "prod",
  roleArn: "arn:aws:iam::1:role/eks",
  vpcConfig: { subnetIds: SUBNETS, ...vpc },
});

describe("disallow-public-high-risk-ports: EKS API endpoints", () => {
  table(disallowPublicHighRiskPorts, [
    // Known bad.
    {
      name: "EKS defaults: public endpoint to 0.0.0.0/0",
      type: EKS,
      props: eks({}),
      violations: 1,
      mentions: "the Kubernetes API endpoint is public to 0.0.0.0/0",
    },
    {
      name: "EKS public endpoint true, cidrs absent",
      type: EKS,
      props: eks({ endpointPublicAccess: true }),
      violations: 1,
      mentions: "public to 0.0.0.0/0",
    },
    { name: "EKS endpoint flag as a string", type: EKS, props: eks({ endpointPublicAccess: "true" }), violations: 1 },
    {
      name: "EKS empty publicAccessCidrs is the default",
      type: EKS,
      props: eks({ endpointPublicAccess: true, publicAccessCidrs: [] }),
      violations: 1,
      mentions: "0.0.0.0/0",
    },
    {
      name: "EKS publicAccessCidrs 0.0.0.0/0 with private access on",
      type: EKS,
      props: eks({ endpointPrivateAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }),
      violations: 1,
    },
    {
      name: "EKS publicAccessCidrs ::/0",
      type: EKS,
      props: eks({ publicAccessCidrs: ["203.0.113.0/24", "::/0"] }),
      violations: 1,
      mentions: "public to ::/0",
    },
    {
      name: "EKS broad public /16",
      type: EKS,
      props: eks({ publicAccessCidrs: ["47.96.0.0/16"] }),
      violations: 1,
      mentions: "47.96.0.0/16",
    },
    {
      name: "EKS broad IPv6 /32",
      type: EKS,
      props: eks({ publicAccessCidrs: ["2001:db8::/32"] }),
      violations: 1,
      mentions: "2001:db8::/32",
    },
    {
      name: "EKS split internet halves",
      type: EKS,
      props: eks({ publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }),
      violations: 1,
    },
    {
      name: "EKS known open entry beside an unknown one",
      type: EKS,
      props: eks({ publicAccessCidrs: [UNKNOWN, "0.0.0.0/0"] }),
      violations: 1,
    },
    {
      name: "EKS vpcConfig as a one-element list",
      type: EKS,
      props: { vpcConfig: [{ subnetIds: SUBNETS }] },
      violations: 1,
    },
    // Known good.
    {
      name: "EKS private endpoint only",
      type: EKS,
      props: eks({ endpointPublicAccess: false, endpointPrivateAccess: true }),
      violations: 0,
    },
    {
      name: "EKS public endpoint off with 0.0.0.0/0 listed",
      type: EKS,
      props: eks({ endpointPublicAccess: "false", publicAccessCidrs: ["0.0.0.0/0"] }),
      violations: 0,
    },
    {
      name: "EKS narrow office /24 and a host",
      type: EKS,
      props: eks({ publicAccessCidrs: ["203.0.113.0/24", "198.51.100.7/32"] }),
      violations: 0,
    },
    {
      name: "EKS narrow IPv6 /56",
      type: EKS,
      props: eks({ publicAccessCidrs: ["2001:db8:1200::/56"] }),
      violations: 0,
    },
    {
      name: "EKS narrow cidrs with the endpoint flag unknown",
      type: EKS,
      props: eks({ endpointPublicAccess: UNKNOWN, publicAccessCidrs: ["203.0.113.0/24"] }),
      violations: 0,
    },
    // Unknown at preview: a note, never a pass or a violation.
    {
      name: "EKS endpoint flag unknown with default cidrs",
      type: EKS,
      props: eks({ endpointPublicAccess: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    {
      name: "EKS publicAccessCidrs unknown",
      type: EKS,
      props: eks({ endpointPublicAccess: true, publicAccessCidrs: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    {
      name: "EKS narrow entry beside an unknown one",
      type: EKS,
      props: eks({ publicAccessCidrs: ["203.0.113.0/24", UNKNOWN] }),
      violations: 0,
      notes: 1,
    },
    { name: "EKS vpcConfig unknown", type: EKS, props: { vpcConfig: UNKNOWN }, violations: 0, notes: 1 },
    {
      name: "EKS unknown cidrs with the endpoint off",
      type: EKS,
      props: eks({ endpointPublicAccess: false, publicAccessCidrs: UNKNOWN }),
      violations: 0,
    },
    {
      name: "EKS entry that is no CIDR block",
      type: EKS,
      props: eks({ publicAccessCidrs: ["office"] }),
      violations: 0,
      notes: 1,
    },
  ]);

  it("names the fix", async () => {
    const [found] = mandatory(await run(disallowPublicHighRiskPorts, EKS, eks({})));
    expect(found.message).toContain("endpointPublicAccess to false with endpointPrivateAccess true");
    expect(found.message).toContain("publicAccessCidrs");
  });

  it("accepts a broad partner range listed in allowCidrs", async () => {
    const props = eks({ publicAccessCidrs: ["47.96.0.0/16"] });
    expect(
      await run(disallowPublicHighRiskPorts, EKS, props, { config: { allowCidrs: ["47.96.0.0/16"] } }),
    ).toHaveLength(0);
  });

  it("is off when the ports list leaves out the Kubernetes API port 6443", async () => {
    const ports = HIGH_RISK_PORTS.filter((p) => p !== 6443);
    expect(await run(disallowPublicHighRiskPorts, EKS, eks({}), { config: { ports } })).toHaveLength(0);
    expect(await run(disallowPublicHighRiskPorts, ACK_MANAGED, {}, { config: { ports } })).toHaveLength(0);
    expect(mandatory(await run(disallowPublicHighRiskPorts, EKS, eks({}), { config: { ports: [6443] } }))).toHaveLength(
      1,
    );
  });
});

describe("disallow-public-high-risk-ports: ACK API servers", () => {
  const slbRows = (label: string, type: string) => [
    {
      name: `${label}: internet SLB by default`,
      type,
      props: { workerVswitchIds: ["vsw-1"] },
      violations: 1,
      mentions: "internet SLB",
    },
    {
      name: `${label}: internet SLB on`,
      type,
      props: { slbInternetEnabled: true },
      violations: 1,
      mentions: "slbInternetEnabled is true",
    },
    { name: `${label}: internet SLB on as a string`, type, props: { slbInternetEnabled: "True" }, violations: 1 },
    { name: `${label}: internet SLB off`, type, props: { slbInternetEnabled: false }, violations: 0 },
    { name: `${label}: internet SLB off as a string`, type, props: { slbInternetEnabled: "false" }, violations: 0 },
    { name: `${label}: internet SLB unknown`, type, props: { slbInternetEnabled: UNKNOWN }, violations: 0, notes: 1 },
  ];
  table(disallowPublicHighRiskPorts, [
    ...slbRows("ACK managed", ACK_MANAGED),
    ...slbRows("ACK dedicated", ACK_DEDICATED),
    ...slbRows("ACK Edge", ACK_EDGE),
    { name: "ACK Serverless: private by default", type: ACK_SERVERLESS, props: { vpcId: "vpc-1" }, violations: 0 },
    {
      name: "ACK Serverless: public EIP",
      type: ACK_SERVERLESS,
      props: { endpointPublicAccessEnabled: true },
      violations: 1,
      mentions: "internet EIP",
    },
    {
      name: "ACK Serverless: public EIP off",
      type: ACK_SERVERLESS,
      props: { endpointPublicAccessEnabled: false },
      violations: 0,
    },
    {
      name: "ACK Serverless: public EIP unknown",
      type: ACK_SERVERLESS,
      props: { endpointPublicAccessEnabled: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ]);

  it("names the fix and the default", async () => {
    const [found] = mandatory(await run(disallowPublicHighRiskPorts, ACK_MANAGED, {}));
    expect(found.message).toContain("defaults to true");
    expect(found.message).toContain("slbInternetEnabled");
    expect(found.message).toContain("set it to false");
  });
});

describe("the pack's rule judges Kubernetes API servers too", () => {
  const rule = hardeningRules.find((r) => r.name === "disallow-public-high-risk-ports");

  it("lists the cluster types", () => {
    expect(rule?.metadata.resourceTypes).toEqual(expect.arrayContaining([EKS, ACK_MANAGED, ACK_DEDICATED]));
  });

  it("reports an open cluster and passes a closed one", async () => {
    expect(mandatory(await run(rule!, EKS, eks({})))).toHaveLength(1);
    expect(await run(rule!, EKS, eks({ endpointPublicAccess: false }))).toHaveLength(0);
    expect(mandatory(await run(rule!, ACK_MANAGED, { slbInternetEnabled: true }))).toHaveLength(1);
    expect(advisory(await run(rule!, ACK_MANAGED, { slbInternetEnabled: UNKNOWN }))).toHaveLength(1);
    expect(await run(rule!, ACK_DEDICATED, { slbInternetEnabled: false })).toHaveLength(0);
  });
});

describe("the pack's rule reads EKS clusters a CloudFormation template deploys", () => {
  const vpc = (config: Record<string, unknown>) => ({
    templateBody: cfnJson("AWS::EKS::Cluster", {
      Name: "prod",
      RoleArn: "arn:aws:iam::1:role/eks",
      ResourcesVpcConfig: { SubnetIds: SUBNETS, ...config },
    }),
  });
  table(rule("disallow-public-high-risk-ports"), [
    // Known bad.
    {
      name: "CloudFormation EKS cluster left at its defaults",
      type: CFN_STACK,
      props: vpc({}),
      violations: 1,
      mentions: "the Kubernetes API endpoint is public to 0.0.0.0/0",
    },
    {
      name: "CloudFormation EKS cluster public to ::/0",
      type: CFN_STACK,
      props: vpc({ EndpointPublicAccess: true, PublicAccessCidrs: ["::/0"] }),
      violations: 1,
    },
    // Known good.
    {
      name: "CloudFormation EKS cluster with a private endpoint only",
      type: CFN_STACK,
      props: vpc({ EndpointPublicAccess: false, EndpointPrivateAccess: true }),
      violations: 0,
    },
    {
      name: "CloudFormation EKS cluster public to an office /28",
      type: CFN_STACK,
      props: vpc({ PublicAccessCidrs: ["203.0.113.0/28"] }),
      violations: 0,
    },
    // Unknown: a parameter with no value the preview knows.
    {
      name: "CloudFormation EKS cluster whose public access comes from a parameter",
      type: CFN_STACK,
      props: {
        templateBody: cfnJson(
          "AWS::EKS::Cluster",
          { ResourcesVpcConfig: { SubnetIds: SUBNETS, PublicAccessCidrs: [{ Ref: "Office" }] } },
          { Office: { Type: "String" } },
        ),
      },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});
