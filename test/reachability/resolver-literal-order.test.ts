// A list of literal ids with fewer dependencies than literals: which literal a dependency explains is decided by
// what the literals say (an ELB ARN's type and name segments), never by where the list puts them; literals nothing
// tells apart each stay both the dependency's and outside (`ambiguous`).
import { GenericResource, UNKNOWN } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/resolver";
import { literalMayName } from "../../lib/reachability/literal-fit";
import { T } from "./aws-fixtures";
import { StackBuilder, knownRef, secret } from "./stack-builder";

const ARN = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer";
const APP = `${ARN}/app/app/def`;
const OTHER_APP = `${ARN}/app/other/xyz`;
const NET = `${ARN}/net/outside/abc`;
const GROUP = "aws:globalaccelerator/endpointGroup:EndpointGroup";

type Ids = (lb: GenericResource) => unknown[];

/** A balancer whose own ARN is unknown at preview, and a group listing `ids`, the first read from the balancer. */
function resolve(lbInputs: Record<string, unknown>, ids: Ids) {
  const b = new StackBuilder();
  const lb = b.add(T.lb, "app", lbInputs);
  const group = b.add(GROUP, "eg", { ids: ids(lb) });
  const refs = new Resolver(b.resources).many(group, "ids", group.inputs.ids as unknown[], [T.lb]);
  return { lb: lb.urn, ...refs };
}

describe("Resolver.many: literals beside one dependency", () => {
  it.each<[string, Ids]>([
    ["the balancer's ARN first", (lb) => [knownRef(lb, APP), NET]],
    ["the NLB ARN first (was: taken for the ALB)", (lb) => [NET, knownRef(lb, APP)]],
  ])("%s: an NLB ARN is not an application balancer's", (_n, ids) => {
    const r = resolve({}, ids);
    expect([r.urns, r.external, r.ambiguous]).toEqual([[r.lb], [NET], []]);
  });

  it.each<[string, Ids]>([
    ["the balancer's ARN first", (lb) => [knownRef(lb, APP), OTHER_APP]],
    ["the other ARN first (was: taken for the ALB)", (lb) => [OTHER_APP, knownRef(lb, APP)]],
  ])("%s: the balancer's known name tells the ARNs apart", (_n, ids) => {
    const r = resolve({ name: "app" }, ids);
    expect([r.external, r.ambiguous]).toEqual([[OTHER_APP], []]);
  });

  it.each<[string, Ids]>([
    ["the balancer's ARN first", (lb) => [knownRef(lb, APP), OTHER_APP]],
    ["the other ARN first", (lb) => [OTHER_APP, knownRef(lb, APP)]],
  ])("%s: nothing tells two application ARNs apart: both ambiguous", (_n, ids) => {
    const r = resolve({}, ids);
    expect(r.urns).toEqual([r.lb]);
    expect([...r.external].sort()).toEqual([APP, OTHER_APP].sort());
    expect([...r.ambiguous].sort()).toEqual([APP, OTHER_APP].sort());
  });

  // The dependency is left out too (was: kept beside the outside ARN): no value of the list may be it, so the
  // endpoint is judged as the outside balancer it names, not by the application balancer's listeners. A value unknown
  // at preview may be any dependency and still keeps it (the next row).
  it("a lone NLB ARN recorded as a dependency on an application balancer is outside (was: the balancer)", () => {
    const r = resolve({}, (lb) => [knownRef(lb, NET)]);
    expect([r.urns, r.external, r.ambiguous]).toEqual([[], [NET], []]);
  });

  it("a reference unknown at preview takes the dependency: the literal beside it is outside, not ambiguous", () => {
    const r = resolve({}, () => [UNKNOWN, OTHER_APP]);
    expect([r.external, r.ambiguous]).toEqual([[OTHER_APP], []]);
  });

  it("a network balancer's ARN and an application one: the application ARN is outside", () => {
    const r = resolve({ loadBalancerType: "network" }, (lb) => [knownRef(lb, APP), NET]);
    expect(r.external).toEqual([APP]);
  });
});

describe("literalMayName", () => {
  const lb = (inputs: Record<string, unknown>) => ({
    urn: "urn:lb",
    type: T.lb,
    name: "app",
    inputs,
    propertyDependencies: {},
    dependencies: [],
  });
  const instance = { ...lb({}), type: T.instance };

  it.each<[string, Record<string, unknown>, string, boolean]>([
    ["an app ARN, type absent (application)", {}, APP, true],
    ["an NLB ARN, type absent (application)", {}, NET, false],
    ["an NLB ARN, type network (any case)", { loadBalancerType: "Network" }, NET, true],
    ["any ARN, type unknown at preview", { loadBalancerType: UNKNOWN }, NET, true],
    ["a type the table does not list: any", { loadBalancerType: "future" }, NET, true],
    ["another name", { name: "web" }, APP, false],
    ["the name unknown at preview", { name: UNKNOWN }, APP, true],
    ["a name prefix starting the name", { namePrefix: "ap" }, APP, true],
    ["a name prefix not starting it", { namePrefix: "web" }, APP, false],
    // Case is not compared (was: a name differing only in case was another balancer's).
    ["the name in another case", { name: "App" }, APP, true],
    ["a name prefix in another case", { namePrefix: "AP" }, APP, true],
    ["another name in another case", { name: "Web" }, APP, false],
    ["a value that is no balancer ARN says nothing", { name: "web" }, "sg-123", true],
  ])("%s", (_n, inputs, literal, expected) => {
    expect(literalMayName(lb(inputs), literal)).toBe(expected);
  });

  it("a balancer ARN is no instance's id", () => {
    expect(literalMayName(instance, APP)).toBe(false);
  });
});

describe("Resolver.byValue and isOfType", () => {
  const b = new StackBuilder();
  const lb = b.add(T.lb, "app", { arn: APP });
  const res = new Resolver(b.resources);

  it.each<[string, unknown, string | undefined]>([
    ["a known value naming a resource of the types", APP, lb.urn],
    ["the same value as a secret", secret(APP), lb.urn],
    ["a known value naming nothing", OTHER_APP, undefined],
    ["a value unknown at preview", UNKNOWN, undefined],
    ["no value", undefined, undefined],
  ])("byValue: %s", (_n, value, expected) => {
    expect(res.byValue(value, [T.lb])).toBe(expected);
  });

  it("byValue reads only the types asked for", () => {
    expect(res.byValue(APP, [T.instance])).toBeUndefined();
  });

  it("isOfType: the resource's own type only, nothing for a URN the stack lacks", () => {
    expect([
      res.isOfType(lb.urn, [T.lb]),
      res.isOfType(lb.urn, [T.instance]),
      res.isOfType("urn:none", [T.lb]),
    ]).toEqual([true, false, false]);
  });
});
