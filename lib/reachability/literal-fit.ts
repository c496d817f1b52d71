// Whether a known literal may be the id of a resource whose own id is not known yet (a dependency of the input it
// is read from). Most ids say nothing of what they name, so they may be any; an Elastic Load Balancing (v2) ARN says
// what it names: `…:loadbalancer/<app|net|gwy>/<name>/<id>` names only a load balancer of that type and, when the
// balancer's name is known, of that name. Id prefixes are read only for the kinds whose ids have one shape (security
// groups, VPCs, subnets and vSwitches: literal-id-shapes.ts): elsewhere a value of one kind can be an output of a
// resource of another (an Alicloud instance gives its primary interface's `eni-` id).
import { AWS } from "./aws/tokens";
import { idShapeFit } from "./literal-id-shapes";
import { GenericResource, isUnknown, str, unwrap } from "./resource";

const BALANCER_ARN = /^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:loadbalancer\/(app|net|gwy)\/([^/]+)\/[^/]+$/;

const BEANSTALK_ENVIRONMENT = "aws:elasticbeanstalk/environment:Environment";

/** The ARN's type segment for each `loadBalancerType` (absent: application; one not listed here: any). */
const ARN_KIND: Record<string, string> = { application: "app", network: "net", gateway: "gwy" };

/**
 * Can `literal` be the id, ARN or name of `r`? False only when the literal itself says it names something else, or
 * says it is an id `r` cannot have (another kind's, or one `r` does not know until it exists).
 */
export function literalMayName(r: GenericResource, literal: string): boolean {
  const shaped = idShapeFit(r, literal);
  if (shaped === "name") return nameFits(r, literal);
  if (shaped !== undefined) return shaped;
  const arn = BALANCER_ARN.exec(literal);
  if (!arn) return true;
  // An Elastic Beanstalk environment creates its balancer and gives its ARN as an output (`loadBalancers`).
  if (r.type === BEANSTALK_ENVIRONMENT) return true;
  if (!(AWS.lb as readonly string[]).includes(r.type)) return false;
  const [, kind, name] = arn;
  return (
    fits(r.inputs.loadBalancerType, "application", (t) => (ARN_KIND[t.toLowerCase()] ?? kind) === kind) &&
    nameFits(r, name)
  );
}

/**
 * A known name must be `name` (a balancer ARN's name segment, a group's name); a known prefix must start it; unknown
 * or absent, the provider's name may be it. Case is not compared: a name differing only in case is not taken for
 * another resource's.
 */
function nameFits(r: GenericResource, name: string): boolean {
  const lower = name.toLowerCase();
  return (
    fits(r.inputs.name, undefined, (n) => n.toLowerCase() === lower) &&
    fits(r.inputs.namePrefix, undefined, (p) => lower.startsWith(p.toLowerCase()))
  );
}

/** A value unknown at preview may be anything; absent, `fallback` decides (none: anything). */
function fits(value: unknown, fallback: string | undefined, test: (v: string) => boolean): boolean {
  const v = unwrap(value);
  if (isUnknown(v)) return true;
  const known = str(v) ?? fallback;
  return known === undefined || test(known);
}
