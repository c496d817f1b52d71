// What a literal may be of the few network kinds whose ids have one fixed shape: AWS and Alibaba Cloud security
// groups (`sg-…`), VPCs (`vpc-…`), AWS subnets (`subnet-…`) and Alibaba Cloud vSwitches (`vsw-…`). A literal shaped as
// one kind's id, or as an AWS ARN, names that kind only. A resource whose id or ARN is unknown at preview (one being
// created) is not named by a known literal either way: a value read from an output unknown at preview is unknown too.
// Nothing is read of other kinds: ids of one may be outputs of another (an instance gives its interface's `eni-` id).
import { ALI } from "./alicloud/tokens";
import { AWS, AWS_SECURITY_GROUPS } from "./aws/tokens";
import { GenericResource, isUnknown, str, unwrap } from "./resource";

interface IdKind {
  prefix: string;
  /** The resource type an EC2 ARN gives it (`arn:aws:ec2:<region>:<account>:security-group/sg-…`); none on Alibaba. */
  arnResource?: string;
  types: readonly string[];
}

const KINDS: readonly IdKind[] = [
  { prefix: "sg-", arnResource: "security-group", types: [...AWS_SECURITY_GROUPS, ALI.securityGroup] },
  { prefix: "vpc-", arnResource: "vpc", types: [AWS.vpc, ALI.vpc] },
  { prefix: "subnet-", arnResource: "subnet", types: [AWS.subnet] },
  { prefix: "vsw-", types: [ALI.vswitch] },
];

/** AWS kinds are named by id or ARN only, a security group by its name too; Alibaba Cloud ones may have other forms. */
const AWS_TYPES: readonly string[] = [...AWS_SECURITY_GROUPS, AWS.vpc, AWS.subnet];
const AWS_GROUP_TYPES: readonly string[] = AWS_SECURITY_GROUPS;

const ARN = /^arn:/;
const EC2_ARN = /^arn:[^:]+:ec2:[^:]*:[^:]*:([^/]+)\/(.+)$/;
/** A group of another account, as AWS rules write it. */
const ACCOUNT_QUALIFIED = /^\d{12}\/(.+)$/;

interface Shape {
  kind: IdKind;
  /** The id the literal holds (the ARN's or the account-qualified one's last part). */
  id: string;
  arn: boolean;
}

function shapeOf(literal: string): Shape | undefined {
  const arn = EC2_ARN.exec(literal);
  if (arn) {
    const kind = KINDS.find((k) => k.arnResource === arn[1]);
    return kind ? { kind, id: arn[2], arn: true } : undefined;
  }
  const id = ACCOUNT_QUALIFIED.exec(literal)?.[1] ?? literal;
  const kind = KINDS.find((k) => id.startsWith(k.prefix));
  return kind ? { kind, id, arn: false } : undefined;
}

/**
 * Whether `literal` may be the id or ARN of `r`: `undefined` when `r` is of no kind here (nothing is told), `"name"`
 * when it is no id or ARN of `r` but may be an AWS group's name (the caller knows names).
 */
export function idShapeFit(r: GenericResource, literal: string): boolean | "name" | undefined {
  const own = KINDS.find((k) => k.types.includes(r.type));
  if (!own) return undefined;
  const shape = shapeOf(literal);
  if (shape?.kind === own) return mayBe(r.inputs.id, shape.id) && (!shape.arn || mayBe(r.inputs.arn, literal));
  if (AWS_TYPES.includes(r.type)) {
    // AWS group names cannot start with `sg-` (the kind's own prefix, read above) and are no ARNs.
    return AWS_GROUP_TYPES.includes(r.type) && !ARN.test(literal) ? "name" : false;
  }
  // Alibaba Cloud: an id of another kind, or an AWS ARN, is not this; any other text says nothing.
  return shape === undefined && !ARN.test(literal);
}

/** An output unknown at preview is no known literal; a known one must be it; an absent one may be anything. */
function mayBe(output: unknown, literal: string): boolean {
  const v = unwrap(output);
  if (isUnknown(v)) return false;
  const known = str(v);
  return known === undefined || known === literal;
}
