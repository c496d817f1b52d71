// The stack rules read the same default lists as the resource rules: a host the internet reaches on VNC/WinRM or on
// a control plane or data service is reported by any path, while a balancer forwarding to an application port
// (the allowBehindLoadBalancer default, and WebLogic 7001, deliberately not listed) stays an ordinary web stack.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { aliPublic } from "./alicloud-public-host";
import { CLASSIC_ELB } from "./outside-backend-balancers";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { StackBuilder, ref } from "./stack-builder";
import { probesWith } from "./stack-probes";
import { tcp } from "./tcp-ingress";

const probes = probesWith({ onlyUnverifiedNotes: true });

/** An internet-facing classic ELB on 443 forwarding to one private instance on `instancePort`, admitted from the VPC. */
function elbForwardingTo(instancePort: number): StackBuilder {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress: [tcp(instancePort, { cidrBlocks: ["10.0.0.0/16"] })] });
  const host = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
  b.add(CLASSIC_ELB, "elb", {
    subnets: [ref(v.publicSubnet)],
    instances: [ref(host)],
    listeners: [{ lbPort: 443, lbProtocol: "tcp", instancePort, instanceProtocol: "tcp" }],
  });
  return b;
}

/** An Alibaba Cloud ECS instance with public bandwidth whose group admits `portRange` from `cidrIp`. */
const aliOpen = (portRange: string, cidrIp = "0.0.0.0/0") => aliPublic({ open: { portRange, cidrIp } });

describe("disallow-internet-admin-ports-except-bastions: VNC and WinRM by default", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    { name: "bad: VNC 5900 from 0.0.0.0/0", build: () => aliOpen("5900/5900"), violations: 1, mentions: "/5900 " },
    {
      name: "bad: 5900/5990 reaches VNC and both WinRM ports",
      build: () => aliOpen("5900/5990"),
      violations: 3,
    },
    { name: "bad: a balancer forwarding to WinRM 5986", build: () => elbForwardingTo(5986), violations: 1 },
    { name: "good: WinRM 5985 from the VPC only", build: () => aliOpen("5985/5985", "10.0.0.0/8"), violations: 0 },
    { name: "good: 5901/5984 lies between VNC and WinRM", build: () => aliOpen("5901/5984"), violations: 0 },
  ]);
});

describe("disallow-internet-database-and-high-risk-ports: control planes and data services by default", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "bad: ActiveMQ 61616 from 0.0.0.0/0",
      build: () => aliOpen("61616/61616"),
      violations: 1,
      mentions: "high-risk port 61616 ",
    },
    {
      name: "bad: 2000/2400 reaches NFS, ZooKeeper, the Docker API and both etcd ports, in list order",
      build: () => aliOpen("2000/2400"),
      violations: 1,
      mentions: "high-risk ports 2375, 2376, 2379, 2380, 2181, 2049 ",
    },
    {
      name: "bad: a balancer forwarding to Kafka 9092",
      build: () => elbForwardingTo(9092),
      violations: 1,
      mentions: "9092",
    },
    {
      name: "bad: a balancer forwarding to the RabbitMQ management UI 15672",
      build: () => elbForwardingTo(15672),
      violations: 1,
      mentions: "15672",
    },
    {
      name: "good: a balancer forwarding to the application port 8080",
      build: () => elbForwardingTo(8080),
      violations: 0,
    },
    {
      name: "good: a balancer forwarding to WebLogic 7001 (not listed)",
      build: () => elbForwardingTo(7001),
      violations: 0,
    },
    {
      name: "bad: a balancer forwarding to ClickHouse's native port 9000",
      build: () => elbForwardingTo(9000),
      violations: 1,
      mentions: "high-risk port 9000 ",
    },
    {
      name: "bad: 8000/8100 reaches InfluxDB and Couchbase, in list order (8080 and 8088 first)",
      build: () => aliOpen("8000/8100"),
      violations: 1,
      mentions: "high-risk ports 8080, 8088, 8086, 8091, 8092, 8093, 8094, 8095, 8096 ",
    },
    {
      name: "bad: Cassandra's JMX 7199 over IPv4 from 0.0.0.0/0",
      build: () => aliOpen("7199/7199"),
      violations: 1,
      mentions: "high-risk port 7199 ",
    },
    {
      name: "good: a balancer forwarding to 4000, a web framework default (TiDB's too, not listed)",
      build: () => elbForwardingTo(4000),
      violations: 0,
    },
    { name: "good: ClickHouse 9000 from the VPC only", build: () => aliOpen("9000/9000", "10.0.0.0/8"), violations: 0 },
    { name: "good: Consul 8500 from the VPC only", build: () => aliOpen("8500/8500", "10.0.0.0/8"), violations: 0 },
    { name: "good: VNC 5900 is the admin rule's, not this one's", build: () => aliOpen("5900/5900"), violations: 0 },
    {
      name: "bad: VNC display :1 (5901), where vncserver :1 listens, even on a host the admin rule would let be a bastion",
      build: () => aliOpen("5901/5901"),
      violations: 1,
      mentions: "high-risk port 5901 ",
    },
  ]);
});
