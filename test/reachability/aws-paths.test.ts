import { buildNetworkModel, internalReach, internetExposures, renderPath } from "../../lib/reachability";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { StackBuilder, ref } from "./stack-builder";

describe("AWS load-balancer paths", () => {
  function albTo(targetPort: number, lbInternal = false) {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const lbSg = b.add(T.sg, "alb", {
      vpcId: ref(v.vpc),
      ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const appSg = b.add(T.sg, "app", { vpcId: ref(v.vpc) });
    b.add(T.ingress, "from-alb", {
      securityGroupId: ref(appSg),
      ipProtocol: "tcp",
      fromPort: targetPort,
      toPort: targetPort,
      referencedSecurityGroupId: ref(lbSg),
    });
    const app = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
    const lb = b.add(T.lb, "alb", {
      internal: lbInternal,
      securityGroups: [ref(lbSg)],
      subnets: [ref(v.publicSubnet)],
    });
    const tg = b.add(T.tg, "tg", { port: targetPort, protocol: "TCP", vpcId: ref(v.vpc) });
    b.add(T.tga, "app", { targetGroupArn: ref(tg), targetId: ref(app) });
    b.add(T.listener, "https", {
      loadBalancerArn: ref(lb),
      port: 443,
      defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
    });
    return { b, app, lb };
  }

  it("a listener forwarding to 22 exposes SSH on a private target", () => {
    const { b, app, lb } = albTo(22);
    const rows = internetExposures(buildNetworkModel(b.resources));
    expect(rows.map((e) => [e.urn, e.ports.from])).toEqual(
      expect.arrayContaining([
        [lb.urn, 443],
        [app.urn, 22],
      ]),
    );
    const ssh = rows.find((e) => e.urn === app.urn)!;
    expect(ssh.via).toBe("load-balancer");
    expect(renderPath(ssh)).toBe(
      "0.0.0.0/0 → igw:igw → rtb:public → subnet:public-a → lb:alb (internet-facing) → sg:alb rule alb ingress[0] → listener:https:443 → tg:tg → sg:app rule from-alb → instance:app:22",
    );
  });

  it("an internal balancer exposes nothing", () => {
    const { b } = albTo(22, true);
    expect(internetExposures(buildNetworkModel(b.resources))).toEqual([]);
  });
});

describe("AWS internal reach", () => {
  it("allows the bastion → private chain and reports who reaches SSH and the database", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const bastionSg = b.add(T.sg, "bastion", {
      vpcId: ref(v.vpc),
      ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.0/24"] }],
    });
    const bastion = b.add(T.instance, "bastion", {
      subnetId: ref(v.publicSubnet),
      vpcSecurityGroupIds: [ref(bastionSg)],
      associatePublicIpAddress: true,
      tags: { "hardening:role": "bastion" },
    });
    const appSg = b.add(T.sg, "app", { vpcId: ref(v.vpc) });
    b.add(T.sgRule, "ssh-from-bastion", {
      type: "ingress",
      securityGroupId: ref(appSg),
      protocol: "tcp",
      fromPort: 22,
      toPort: 22,
      sourceSecurityGroupId: ref(bastionSg),
    });
    const app = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
    const dbSg = b.add(T.sg, "db", {
      vpcId: ref(v.vpc),
      ingress: [
        { protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [ref(appSg)] },
        { protocol: "tcp", fromPort: 5432, toPort: 5432, self: true },
      ],
    });
    const subnets = b.add(T.rdsSubnets, "db", { subnetIds: [ref(v.privateSubnet)] });
    const db = b.add(T.rds, "orders", {
      engine: "postgres",
      dbSubnetGroupName: ref(subnets),
      vpcSecurityGroupIds: [ref(dbSg)],
    });

    const m = buildNetworkModel(b.resources);
    const exposed = internetExposures(m);
    expect(exposed.map((e) => [e.urn, e.source])).toEqual([[bastion.urn, "203.0.113.0/24"]]);

    const reach = internalReach(m);
    const sshToApp = reach.filter((r) => r.target === app.urn && r.port === 22);
    expect(sshToApp).toHaveLength(1);
    expect(sshToApp[0].from).toMatchObject({ kind: "sg", sg: bastionSg.urn, hosts: [bastion.urn] });
    expect(sshToApp[0].path).toBe("sg:bastion → sg:app rule ssh-from-bastion → instance:app:22");

    const toDb = reach.filter((r) => r.target === db.urn);
    expect(toDb.map((r) => r.from.kind).sort()).toEqual(["self", "sg"]);
    expect(toDb.find((r) => r.from.kind === "sg")!.from).toMatchObject({
      sg: appSg.urn,
      hosts: [app.urn],
      ambiguous: false,
    });
    expect(toDb.every((r) => r.port === 5432)).toBe(true);
  });

  it("marks group references of several inline rules as ambiguous", () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const a = b.add(T.sg, "a", { vpcId: ref(v.vpc) });
    const c = b.add(T.sg, "c", { vpcId: ref(v.vpc) });
    const target = b.add(T.sg, "t", {
      vpcId: ref(v.vpc),
      ingress: [
        { protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: [ref(a)] },
        { protocol: "tcp", fromPort: 443, toPort: 443, securityGroups: [ref(c)] },
      ],
    });
    const h = b.add(T.instance, "h", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(target)] });
    const ssh = internalReach(buildNetworkModel(b.resources)).filter((r) => r.target === h.urn);
    expect(ssh.map((r) => r.from)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "sg", sg: a.urn, ambiguous: true })]),
    );
  });
});
