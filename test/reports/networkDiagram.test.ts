// The diagram model on an AWS topology: containment through subnet groups, wiring through listeners and target
// groups, WAF associations, bastions recognised by their component.
import type { PlannedResource } from "../../engine/model";
import { renderMermaid } from "../../engine/reports/mermaid";
import { buildNetworkDiagram, INTERNET } from "../../engine/reports/networkDiagram";
import { checkFlowchart } from "./mermaidChecker";

const urn = (type: string, name: string) => `urn:pulumi:aws::hardening-kit::${type}::${name}`;
const ROOT = urn("pulumi:pulumi:Stack", "hardening-kit-aws");

function res(type: string, name: string, deps: Record<string, PlannedResource[]> = {}, parent = ROOT): PlannedResource {
  const propertyDependencies = Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.map((r) => r.urn)]));
  return {
    urn: urn(type, name),
    type,
    name,
    parent,
    inputs: {},
    dependencies: [...new Set(Object.values(propertyDependencies).flat())],
    propertyDependencies,
  };
}

const vpc = res("aws:ec2/vpc:Vpc", "main");
const publicA = res("aws:ec2/subnet:Subnet", "public-a", { vpcId: [vpc] });
const publicB = res("aws:ec2/subnet:Subnet", "public-b", { vpcId: [vpc] });
const privateA = res("aws:ec2/subnet:Subnet", "private-a", { vpcId: [vpc] });
const privateB = res("aws:ec2/subnet:Subnet", "private-b", { vpcId: [vpc] });
const igw = res("aws:ec2/internetGateway:InternetGateway", "igw", { vpcId: [vpc] });
const nat = res("aws:ec2/natGateway:NatGateway", "nat-a", { subnetId: [publicA] });
const alb = res("aws:lb/loadBalancer:LoadBalancer", "web", { subnets: [publicA, publicB] });
const targets = res("aws:lb/targetGroup:TargetGroup", "web-tg", { vpcId: [vpc] });
const listener = res("aws:lb/listener:Listener", "web-https", { loadBalancerArn: [alb], defaultActions: [targets] });
const app = res("aws:ec2/instance:Instance", "app-1", { subnetId: [privateA] });
const attachment = res("aws:lb/targetGroupAttachment:TargetGroupAttachment", "app-1-tg", {
  targetGroupArn: [targets],
  targetId: [app],
});
const bastionComponent = res("hardening-kit:aws:Bastion", "ops");
const bastionHost = res("aws:ec2/instance:Instance", "ops-host", { subnetId: [publicA] }, bastionComponent.urn);
const subnetGroup = res("aws:rds/subnetGroup:SubnetGroup", "db", { subnetIds: [privateA, privateB] });
const database = res("aws:rds/instance:Instance", "orders", { dbSubnetGroupName: [subnetGroup] });
const acl = res("aws:wafv2/webAcl:WebAcl", "web-acl");
const association = res("aws:wafv2/webAclAssociation:WebAclAssociation", "web-acl-alb", {
  resourceArn: [alb],
  webAclArn: [acl],
});

const resources = [
  vpc,
  publicA,
  publicB,
  privateA,
  privateB,
  igw,
  nat,
  alb,
  targets,
  listener,
  app,
  attachment,
  bastionComponent,
  bastionHost,
  subnetGroup,
  database,
  acl,
  association,
];

describe("network diagram model", () => {
  const diagram = buildNetworkDiagram(resources, [
    { urn: alb.urn, protocol: "tcp", ports: [443] },
    { urn: bastionHost.urn, protocol: "tcp", ports: [22], sources: ["203.0.113.0/24"] },
  ]);
  const node = (r: PlannedResource) => diagram.nodes.find((n) => n.urn === r.urn);

  it("nests subnets in their VPC", () => {
    expect(diagram.containers.filter((c) => c.kind === "subnet").every((c) => c.parent === vpc.urn)).toBe(true);
  });

  it("places a node in its one subnet, or in the VPC when it spans several (directly or via a subnet group)", () => {
    expect(node(app)?.container).toBe(privateA.urn);
    expect(node(nat)?.container).toBe(publicA.urn);
    expect(node(alb)?.container).toBe(vpc.urn);
    expect(node(database)?.container).toBe(vpc.urn);
    expect(node(igw)?.container).toBe(vpc.urn);
    expect(node(acl)?.container).toBeUndefined();
  });

  it("classifies nodes and recognises a bastion by its component", () => {
    expect(node(database)?.kind).toBe("database");
    expect(node(alb)?.kind).toBe("loadBalancer");
    expect(node(bastionHost)?.bastion).toBe(true);
    expect(node(app)?.bastion).toBe(false);
    expect(node(targets)).toBeUndefined();
  });

  it("links the load balancer to its targets through listener, target group and attachment", () => {
    expect(diagram.edges).toContainEqual({ from: alb.urn, to: app.urn, exposure: false, dotted: false });
  });

  it("shows the WAF in front of the load balancer and the gateway's link to the internet", () => {
    expect(diagram.edges).toContainEqual({
      from: acl.urn,
      to: alb.urn,
      label: "inspects",
      exposure: false,
      dotted: true,
    });
    expect(diagram.edges).toContainEqual({ from: INTERNET, to: igw.urn, exposure: false, dotted: true });
  });

  it("draws one red edge per exposure, and renders a diagram the checker accepts", () => {
    const exposures = diagram.edges.filter((e) => e.exposure);
    expect(exposures.map((e) => [e.to, e.label])).toEqual([
      [alb.urn, "tcp 443"],
      [bastionHost.urn, "tcp 22"],
    ]);
    const chart = checkFlowchart(renderMermaid(diagram));
    expect(chart.linkStyles).toHaveLength(1);
    expect(chart.linkStyles[0].indices.map((i) => chart.edges[i].from)).toEqual([INTERNET, INTERNET]);
    expect(chart.edges.find((e) => e.arrow === "-.-")?.from).toBe(INTERNET);
  });
});
