// require-waf-on-internet-endpoints where preview leaves the answer open: an Alibaba Cloud SLB listener whose protocol
// is unknown may serve HTTP(S), and a program WAF 3.0 domain whose backend is an output of the ROS stack deploying the
// SLB or ALB may front it. Each is a note naming the open question, never a silent pass and never a violation; known
// values on either side still decide.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { ROS_STACK } from "./templates-fixtures";
import { expectFindingCounts } from "./templates-waf-harness";
import { associationOf } from "./waf-endpoint-inputs";
import { wafv3Domain } from "./wafv3-domain-builders";

const SLB = "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer";
const SLB_LISTENER = "alicloud:slb/listener:Listener";
const ALB = "alicloud:alb/loadBalancer:LoadBalancer";
const ALB_LISTENER = "alicloud:alb/listener:Listener";
const AWS_LB = "aws:lb/loadBalancer:LoadBalancer";
const AWS_LISTENER = "aws:lb/listener:Listener";
const CONTAINER = urnOf(ROS_STACK, "app");

interface Row {
  name: string;
  resources: StackInput[];
  violations: number;
  notes?: number;
  /** Text every finding holds. */
  says?: string;
}

function table(rows: Row[]) {
  it.each(rows.map((r) => [r.name, r] as const))("%s", async (_n, row) => {
    const ds = await runStack(requireWafOnInternetEndpoints, row.resources);
    expectFindingCounts(ds, { violations: row.violations, notes: row.notes, mentions: row.says });
  });
}

const slb = (addressType: unknown = "internet", name = "web"): StackInput => ({
  type: SLB,
  name,
  props: { loadBalancerName: name, addressType, loadBalancerSpec: "slb.s2.small" },
});

/** A listener of the SLB `lb` on `port`, linked by dependency as a preview links a new balancer. */
const slbListener = (port: number, protocol: unknown, lb = "web"): StackInput => ({
  type: SLB_LISTENER,
  name: `${lb}-${port}`,
  props: { loadBalancerId: UNKNOWN, frontendPort: port, backendPort: 80, protocol },
  propertyDependencies: { loadBalancerId: [urnOf(SLB, lb)] },
});

const PROTOCOL_NOTE = "whether the listener serves HTTP(S)";

describe("an SLB listener whose protocol is unknown at preview", () => {
  table([
    {
      name: "bad: internet SLB with an HTTP listener and no WAF",
      resources: [slb(), slbListener(80, "http")],
      violations: 1,
    },
    {
      name: "unknown: internet SLB whose only listener's protocol is unknown",
      resources: [slb(), slbListener(80, UNKNOWN)],
      violations: 0,
      notes: 1,
      says: "protocol of listener 80",
    },
    {
      name: "unknown: an unknown-protocol listener beside a TCP one",
      resources: [slb(), slbListener(22, "tcp"), slbListener(8080, UNKNOWN)],
      violations: 0,
      notes: 1,
      says: "protocol of listener 8080",
    },
    {
      name: "bad: a known HTTPS listener decides beside an unknown one",
      resources: [slb(), slbListener(443, "HTTPS"), slbListener(8080, UNKNOWN)],
      violations: 1,
    },
    {
      name: "unknown: address type and protocol both unknown: one note, on the address type",
      resources: [slb(UNKNOWN), slbListener(80, UNKNOWN)],
      violations: 0,
      notes: 1,
      says: "addressType",
    },
    {
      name: "good: intranet SLB with an unknown-protocol listener",
      resources: [slb("intranet"), slbListener(80, UNKNOWN)],
      violations: 0,
    },
    {
      name: "good: TCP and UDP listeners only",
      resources: [slb(), slbListener(22, "tcp"), slbListener(53, "udp")],
      violations: 0,
    },
    { name: "good: an SLB without listeners", resources: [slb()], violations: 0 },
    {
      name: "unknown: behind a WAF domain, the unknown-protocol listener admits anyone",
      resources: [slb(), slbListener(80, UNKNOWN), wafv3Domain([urnOf(SLB, "web")])],
      violations: 0,
      notes: 1,
      says: PROTOCOL_NOTE,
    },
  ]);
});

describe("ALB listeners are all web: their protocol does not matter (Alibaba Cloud and AWS)", () => {
  const alb = (edition: unknown): StackInput => ({
    type: ALB,
    name: "front",
    props: { addressType: "Internet", loadBalancerEdition: edition, vpcId: "vpc-1" },
  });
  const albListener: StackInput = {
    type: ALB_LISTENER,
    name: "front-443",
    props: { loadBalancerId: UNKNOWN, listenerPort: 443, listenerProtocol: UNKNOWN },
    propertyDependencies: { loadBalancerId: [urnOf(ALB, "front")] },
  };
  const awsAlb: StackInput = {
    type: AWS_LB,
    name: "edge",
    props: { internal: false, loadBalancerType: "application" },
  };
  const awsListener: StackInput = {
    type: AWS_LISTENER,
    name: "edge-443",
    props: { loadBalancerArn: UNKNOWN, port: 443, protocol: UNKNOWN, defaultActions: [] },
    propertyDependencies: { loadBalancerArn: [urnOf(AWS_LB, "edge")] },
  };
  table([
    {
      name: "bad: Alibaba Cloud ALB, listener protocol unknown, no WAF",
      resources: [alb("Standard"), albListener],
      violations: 1,
    },
    {
      name: "good: WAF-enabled edition, listener protocol unknown",
      resources: [alb("StandardWithWaf"), albListener],
      violations: 0,
    },
    { name: "bad: AWS ALB, listener protocol unknown, no web ACL", resources: [awsAlb, awsListener], violations: 1 },
    {
      name: "good: AWS ALB, listener protocol unknown, with a web ACL association",
      resources: [awsAlb, awsListener, associationOf(AWS_LB, "edge")],
      violations: 0,
    },
  ]);
});

/** A ROS stack deploying one SLB (internet unless `addressType`) with one listener of `protocol`. */
function rosSlb(protocol: unknown = "http", addressType?: string, port = 80): StackInput {
  const resources = {
    Lb: {
      Type: "ALIYUN::SLB::LoadBalancer",
      Properties: { LoadBalancerName: "web", ...(addressType ? { AddressType: addressType } : {}) },
    },
    Listener: {
      Type: "ALIYUN::SLB::Listener",
      Properties: { LoadBalancerId: { Ref: "Lb" }, ListenerPort: port, BackendServerPort: 80, Protocol: protocol },
    },
  };
  const body = {
    ROSTemplateFormatVersion: "2015-09-01",
    Parameters: { Proto: { Type: "String" } },
    Resources: resources,
  };
  return { type: ROS_STACK, name: "app", props: { templateBody: JSON.stringify(body) } };
}

/** A ROS stack deploying one ALB of `edition`. */
function rosAlb(edition: string): StackInput {
  const resources = {
    Alb: {
      Type: "ALIYUN::ALB::LoadBalancer",
      Properties: { AddressType: "Internet", LoadBalancerEdition: edition, VpcId: "vpc-1", LoadBalancerName: "front" },
    },
  };
  const body = { ROSTemplateFormatVersion: "2015-09-01", Resources: resources };
  return { type: ROS_STACK, name: "app", props: { templateBody: JSON.stringify(body) } };
}

const TEMPLATE_NOTE = "an output of the template that deploys the load balancer";

describe("a program WAF 3.0 domain whose backend is an output of the ROS stack deploying the balancer", () => {
  table([
    { name: "bad: template SLB with an HTTP listener and no domain", resources: [rosSlb()], violations: 1 },
    {
      name: "unknown: the domain's backend is the ROS stack's output (unknown at preview)",
      resources: [rosSlb(), wafv3Domain([CONTAINER])],
      violations: 0,
      notes: 1,
      says: TEMPLATE_NOTE,
    },
    {
      name: "unknown: the output is known (after a first deploy) but still names no program resource",
      resources: [rosSlb(), wafv3Domain([CONTAINER], ["47.96.10.1"])],
      violations: 0,
      notes: 1,
      says: TEMPLATE_NOTE,
    },
    {
      name: "unknown: an older SDK sends only resource-wide dependencies",
      resources: [rosSlb(), wafv3Domain([], [UNKNOWN], { dependencies: [CONTAINER] })],
      violations: 0,
      notes: 1,
      says: TEMPLATE_NOTE,
    },
    {
      name: "bad: only the domain's instanceId comes from the ROS stack; its backend is another address",
      resources: [rosSlb(), wafv3Domain([], ["47.96.10.1"], { propertyDependencies: { instanceId: [CONTAINER] } })],
      violations: 1,
    },
    {
      name: "bad: the domain fronts a program SLB, not the template's",
      resources: [rosSlb(), slb("internet", "other"), wafv3Domain([urnOf(SLB, "other")])],
      violations: 1,
    },
    {
      name: "unknown: the template listener's Protocol is a parameter left unknown, the domain from its output",
      resources: [rosSlb({ Ref: "Proto" }), wafv3Domain([CONTAINER])],
      violations: 0,
      notes: 1,
    },
    {
      name: "good: an intranet template SLB",
      resources: [rosSlb("http", "intranet"), wafv3Domain([CONTAINER])],
      violations: 0,
    },
    {
      name: "good: a template SLB with a TCP listener off the web ports only",
      resources: [rosSlb("tcp", undefined, 9000), wafv3Domain([CONTAINER])],
      violations: 0,
    },
    // A TCP listener on 80 may carry HTTP: the domain fed by the ROS stack's output may front it, or not.
    {
      name: "unknown: a template SLB with a TCP listener on 80 only",
      resources: [rosSlb("tcp"), wafv3Domain([CONTAINER])],
      violations: 0,
      notes: 1,
      says: TEMPLATE_NOTE,
    },
    { name: "bad: template ALB (Standard) and no domain", resources: [rosAlb("Standard")], violations: 1 },
    {
      name: "unknown: template ALB (Standard) behind a domain fed by the ROS stack's output",
      resources: [rosAlb("Standard"), wafv3Domain([CONTAINER])],
      violations: 0,
      notes: 1,
      says: TEMPLATE_NOTE,
    },
    { name: "good: template ALB of the WAF-enabled edition", resources: [rosAlb("StandardWithWaf")], violations: 0 },
  ]);
});
