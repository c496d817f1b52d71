// Internet addresses bound after creation on Alibaba Cloud: an Anycast EIP attached to an ENI (or an instance's
// primary one) or to an intranet CLB, and an EIP associated with an intranet CLB. Either makes what is behind it
// reachable from the internet, whatever the balancer's addressType says. Each row is one way of writing it, or its
// secure twin, with the verdict the stack rules must give.
import {
  Exposure,
  GenericResource,
  UNKNOWN,
  buildNetworkModel,
  internetExposures,
  renderPath,
} from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { A, AliNet, aliNetwork, rule } from "../reachability/alicloud-fixtures";
import { slbAcl, whitelist } from "../reachability/listener-acl-fixtures";
import { runStackPolicy } from "../reachability/policy-harness";
import { StackBuilder, knownRef, ref } from "../reachability/stack-builder";
import { Probe, probesWith } from "../reachability/stack-probes";

const ANYCAST = {
  eip: "alicloud:eipanycast/anycastEipAddress:AnycastEipAddress",
  attachment: "alicloud:eipanycast/anycastEipAddressAttachment:AnycastEipAddressAttachment",
};
const CLASSIC_SLB = "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer";
const ENI = {
  eni: "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface",
  attachment: "alicloud:ecs/ecsNetworkInterfaceAttachment:EcsNetworkInterfaceAttachment",
};
const VPC_CIDR = "172.16.0.0/16";

type Build = (b: StackBuilder, n: AliNet) => void;
const stack = (build: Build) => () => {
  const b = new StackBuilder();
  build(b, aliNetwork(b));
  return b;
};

/** An ECS instance in the network's group, with no address of its own. */
const ecsIn = (b: StackBuilder, n: AliNet, name = "web") =>
  b.add(A.instance, name, { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });

const anycastEip = (b: StackBuilder, name = "edge") =>
  b.add(ANYCAST.eip, name, { anycastEipAddressName: name, serviceLocation: "international" });

/** An Anycast EIP attachment; `bind` is the bound resource's reference (or a literal). */
function anycastOn(b: StackBuilder, bind: unknown, bindInstanceType: unknown, inputs: Record<string, unknown> = {}) {
  return b.add(ANYCAST.attachment, "edge-bind", {
    anycastId: ref(anycastEip(b)),
    bindInstanceId: bind,
    bindInstanceType,
    bindInstanceRegionId: "cn-hangzhou",
    ...inputs,
  });
}

/**
 * An intranet CLB (of `type`) forwarding each `port` to the same port of an ECS instance whose group admits those
 * ports from the VPC, the balancer's side only; `listener` adds each listener's access control.
 */
function intranetClb(
  b: StackBuilder,
  n: AliNet,
  ports: number[],
  type: string = A.slb,
  listener: (b: StackBuilder) => Record<string, unknown> = () => ({}),
) {
  for (const port of ports) rule(b, n.sg, `vpc-${port}`, { portRange: `${port}/${port}`, cidrIp: VPC_CIDR });
  const ecs = ecsIn(b, n, "db");
  const slb = b.add(type, "front", { addressType: "intranet", vswitchId: ref(n.vswitch) });
  b.add(A.slbBackends, "front", { loadBalancerId: ref(slb), backendServers: [{ serverId: ref(ecs), weight: 100 }] });
  for (const port of ports)
    b.add(A.slbListener, `tcp-${port}`, {
      loadBalancerId: ref(slb),
      frontendPort: port,
      backendPort: port,
      protocol: "tcp",
      ...listener(b),
    });
  return { slb, ecs };
}

/** An EIP associated with `target`; `inputs` add or override the association's fields. */
function eipOn(b: StackBuilder, target: unknown, inputs: Record<string, unknown> = {}) {
  const eip = b.add(A.eip, "front-ip", { bandwidth: "5" });
  return b.add(A.eipAssoc, "front-ip", { allocationId: ref(eip), instanceId: target, ...inputs });
}

const probes = probesWith({ onlyUnverifiedNotes: true });

describe("Anycast EIP on an ECS instance or ENI: administration ports", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bound to the instance's primary ENI (its networkInterfaceId), group opens 22 to the internet",
      build: stack((b, n) => {
        rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
        anycastOn(b, ref(ecsIn(b, n)), "NetworkInterface");
      }),
      violations: 1,
      mentions: "anycast-eip:edge",
    },
    {
      name: "bound to a secondary ENI whose own group opens 22 (the instance's admits nothing)",
      build: stack((b, n) => {
        const eniSg = b.add(A.sg, "eni-sg", { vpcId: ref(n.vpc) });
        rule(b, eniSg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
        const ecs = ecsIn(b, n);
        const eni = b.add(ENI.eni, "data", { vswitchId: ref(n.vswitch), securityGroupIds: [ref(eniSg)] });
        b.add(ENI.attachment, "data", { instanceId: ref(ecs), networkInterfaceId: ref(eni) });
        anycastOn(b, ref(eni), "NetworkInterface", { privateIpAddress: "172.16.0.20" });
      }),
      violations: 1,
      mentions: "eni:data",
    },
    {
      name: "a port range 1-1024 covering SSH",
      build: stack((b, n) => {
        rule(b, n.sg, "low", { portRange: "1/1024", cidrIp: "0.0.0.0/0" });
        anycastOn(b, ref(ecsIn(b, n)), "NetworkInterface");
      }),
      violations: 1,
    },
    {
      name: "protocol all, -1/-1",
      build: stack((b, n) => {
        rule(b, n.sg, "all", { ipProtocol: "all", portRange: "-1/-1", cidrIp: "0.0.0.0/0" });
        anycastOn(b, ref(ecsIn(b, n)), "NetworkInterface");
      }),
      // 22, 3389, 5900, 5985 and 5986 on one all-port row.
      violations: 5,
    },
    {
      name: "an Anycast EIP outside the stack (known id) still publishes the instance",
      build: stack((b, n) => {
        rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
        b.add(ANYCAST.attachment, "edge-bind", {
          anycastId: "aeip-bp1existing",
          bindInstanceId: ref(ecsIn(b, n)),
          bindInstanceType: "NetworkInterface",
          bindInstanceRegionId: "cn-hangzhou",
        });
      }),
      violations: 1,
      mentions: "anycast-eip:edge-bind",
    },
    {
      name: "bindInstanceType unknown at preview: the link decides",
      build: stack((b, n) => {
        rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
        anycastOn(b, ref(ecsIn(b, n)), UNKNOWN);
      }),
      violations: 1,
    },
    // Secure look-alikes.
    {
      name: "group opens only 443",
      build: stack((b, n) => {
        rule(b, n.sg, "https", { portRange: "443/443", cidrIp: "0.0.0.0/0" });
        anycastOn(b, ref(ecsIn(b, n)), "NetworkInterface");
      }),
      violations: 0,
    },
    {
      name: "group opens 22 to ::/0 only (an Anycast EIP is IPv4)",
      build: stack((b, n) => {
        rule(b, n.sg, "ssh6", { portRange: "22/22", ipv6CidrIp: "::/0" });
        anycastOn(b, ref(ecsIn(b, n)), "NetworkInterface");
      }),
      violations: 0,
    },
    {
      name: "a priority-1 drop of 22 before the accept",
      build: stack((b, n) => {
        rule(b, n.sg, "drop-ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 });
        rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 100 });
        anycastOn(b, ref(ecsIn(b, n)), "NetworkInterface");
      }),
      violations: 0,
    },
    {
      name: "group opens 22 from the VPC only",
      build: stack((b, n) => {
        rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: VPC_CIDR });
        anycastOn(b, ref(ecsIn(b, n)), "NetworkInterface");
      }),
      violations: 0,
    },
    {
      name: "an Anycast EIP with no attachment",
      build: stack((b, n) => {
        rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
        ecsIn(b, n);
        anycastEip(b);
      }),
      violations: 0,
    },
    {
      name: "bound to an ENI attached to no instance",
      build: stack((b, n) => {
        rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
        ecsIn(b, n);
        const eni = b.add(ENI.eni, "loose", { vswitchId: ref(n.vswitch), securityGroupIds: [ref(n.sg)] });
        anycastOn(b, ref(eni), "NetworkInterface");
      }),
      violations: 0,
    },
    {
      // Like every reference: an id unknown at preview with no dependency links nothing.
      name: "bindInstanceId unknown at preview with no dependency links no host",
      build: stack((b, n) => {
        rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
        ecsIn(b, n);
        anycastOn(b, UNKNOWN, "NetworkInterface");
      }),
      violations: 0,
    },
  ] as Probe[]);
});

describe("Anycast EIP or EIP on an intranet CLB: administration ports behind its listeners", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "Anycast EIP (SlbInstance) on an intranet CLB forwarding 22 to an ECS instance",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [22]);
        anycastOn(b, ref(slb), "SlbInstance");
      }),
      // The listener's own port and the backend's SSH behind it.
      violations: 2,
    },
    {
      name: "the same on the slb.ApplicationLoadBalancer token",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [22], CLASSIC_SLB);
        anycastOn(b, ref(slb), "SlbInstance");
      }),
      violations: 2,
    },
    {
      name: "bindInstanceType unknown at preview, bound to the intranet CLB",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [22]);
        anycastOn(b, ref(slb), UNKNOWN);
      }),
      violations: 2,
    },
    {
      name: "EIP on an intranet CLB forwarding 22",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [22]);
        eipOn(b, ref(slb), { instanceType: "SlbInstance" });
      }),
      violations: 2,
    },
    // Secure look-alikes.
    {
      name: "intranet CLB forwarding 22 without any EIP",
      build: stack((b, n) => {
        intranetClb(b, n, [22]);
      }),
      violations: 0,
    },
    {
      name: "Anycast EIP bound to the instance behind the intranet CLB, whose group admits 22 from the VPC only",
      build: stack((b, n) => {
        const { ecs } = intranetClb(b, n, [22]);
        anycastOn(b, ref(ecs), "NetworkInterface");
      }),
      violations: 0,
    },
    {
      name: "Anycast EIP of type NetworkInterface names no balancer",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [22]);
        anycastOn(b, ref(slb), "NetworkInterface");
      }),
      violations: 0,
    },
  ] as Probe[]);
});

describe("EIP or Anycast EIP on an intranet CLB: database ports", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "EIP (instanceType SlbInstance) on an intranet CLB forwarding 3306",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [3306]);
        eipOn(b, ref(slb), { instanceType: "SlbInstance" });
      }),
      violations: 2,
      mentions: "3306",
    },
    {
      name: "instanceType omitted: the provider infers it from the balancer's id",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [3306]);
        eipOn(b, ref(slb));
      }),
      violations: 2,
    },
    {
      name: "the balancer's id already known (an update), instanceType in another case",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [3306]);
        eipOn(b, knownRef(slb, "lb-bp1front"), { instanceType: "slbinstance" });
      }),
      violations: 2,
    },
    {
      name: "EIP on an intranet slb.ApplicationLoadBalancer",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [3306], CLASSIC_SLB);
        eipOn(b, ref(slb), { instanceType: "SlbInstance" });
      }),
      violations: 2,
    },
    {
      name: "EIP on an intranet CLB with a 443 and a 3306 listener: only 3306 is found",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [443, 3306]);
        eipOn(b, ref(slb), { instanceType: "SlbInstance" });
      }),
      violations: 2,
      mentions: "3306",
    },
    {
      name: "Anycast EIP on an intranet CLB forwarding 3306",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [3306]);
        anycastOn(b, ref(slb), "SlbInstance");
      }),
      violations: 2,
    },
    // Secure look-alikes.
    {
      name: "EIP on an intranet CLB whose listeners are 443 only",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [443]);
        eipOn(b, ref(slb), { instanceType: "SlbInstance" });
      }),
      violations: 0,
    },
    {
      name: "EIP on an intranet CLB whose 3306 listener whitelists only private blocks",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [3306], A.slb, (b) => whitelist(slbAcl(b, "private", ["10.0.0.0/8"])));
        eipOn(b, ref(slb), { instanceType: "SlbInstance" });
      }),
      violations: 0,
    },
    {
      name: "EIP on an intranet CLB whose whitelist entry is unknown at preview: notes, not silence",
      build: stack((b, n) => {
        const { slb } = intranetClb(b, n, [3306], A.slb, (b) => whitelist(slbAcl(b, "office", [UNKNOWN])));
        eipOn(b, ref(slb), { instanceType: "SlbInstance" });
      }),
      violations: 0,
      notes: 2,
    },
    {
      name: "intranet CLB forwarding 3306 without any EIP",
      build: stack((b, n) => {
        intranetClb(b, n, [3306]);
      }),
      violations: 0,
    },
    {
      name: "an EIP associated with nothing of the stack (instanceId unknown at preview, no dependency)",
      build: stack((b, n) => {
        intranetClb(b, n, [3306]);
        eipOn(b, UNKNOWN, { instanceType: "SlbInstance" });
      }),
      violations: 0,
    },
    {
      name: "an EIP associated with a balancer outside the stack (known id)",
      build: stack((b, n) => {
        intranetClb(b, n, [3306]);
        eipOn(b, "lb-bp1elsewhere", { instanceType: "SlbInstance" });
      }),
      violations: 0,
    },
  ] as Probe[]);
});

const rowsOf = (b: StackBuilder, r: GenericResource) =>
  internetExposures(buildNetworkModel(b.resources)).filter((e) => e.urn === r.urn);
const paths = (rows: Exposure[]) => rows.map(renderPath);

describe("paths through a bound address", () => {
  it("an Anycast EIP on an instance names the address, the attachment is a cause", () => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    const ssh = rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
    const ecs = ecsIn(b, n);
    const attachment = anycastOn(b, ref(ecs), "NetworkInterface");
    const rows = rowsOf(b, ecs);
    expect(paths(rows)).toEqual([
      "0.0.0.0/0 → anycast-eip:edge → vswitch:vsw → nacl:default allow → sg:web rule ssh (priority 1 accept) → ecs:web:22",
    ]);
    expect(rows[0].causes).toEqual(expect.arrayContaining([attachment.urn, ssh.urn]));
  });

  it("an EIP on an intranet CLB makes it internet-facing: listener and backend rows", () => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    const { slb, ecs } = intranetClb(b, n, [3306]);
    eipOn(b, ref(slb), { instanceType: "SlbInstance" });
    expect(paths(rowsOf(b, slb))).toEqual(["0.0.0.0/0 → lb:front (internet-facing) → listener:tcp-3306:3306"]);
    expect(rowsOf(b, ecs).map((e) => e.ports)).toEqual([{ from: 3306, to: 3306 }]);
  });

  it("an Anycast EIP on an instance: the admin rule reports the instance, the private-host SSH rule still reports the rule", async () => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    const ssh = rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
    const ecs = ecsIn(b, n);
    anycastOn(b, ref(ecs), "NetworkInterface");
    const admin = (await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources)).filter(
      (f) => !f.advisory,
    );
    expect(admin.map((f) => f.urn)).toEqual([ecs.urn]);
    expect(admin[0].message).toContain("anycast-eip:edge");
    const bastion = (await runStackPolicy(requireBastionOnlySshToPrivateHosts, b.resources)).filter((f) => !f.advisory);
    expect(bastion.map((f) => f.urn)).toEqual([ssh.urn]);
  });
});
