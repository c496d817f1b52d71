// An origin request gate's arguments and their validation: every problem reported at once, before anything is
// created; the secret's text is checked later, once known (originGateSecret.ts).
import * as pulumi from "@pulumi/pulumi";
import { checkKnownArguments, checkPlain, checkRequiredInput, isPlain, Problems } from "../validation";
import { checkLabel } from "../labels";
import { checkCloudFrontScope, checkProvider, ORIGIN_LABEL } from "./cloudFrontOriginLock";
import { checkHeaderName, DEFAULT_ORIGIN_HEADER } from "./originGateHeader";
import { checkSecret, describeHidden } from "./originGateSecret";
import { ACCOUNT_PATTERN, PARTITION_PATTERN, REGION_PATTERN } from "../../lib/aws-names";
import { checkArnPlace } from "./arnPlace";

export const DEFAULT_GATE_PRIORITY = 1;
/** ALB listener rule priorities. */
export const MAX_GATE_PRIORITY = 50_000;

export interface OriginRequestGateArgs {
  /** ARN of the ALB listener CloudFront connects to (e.g. `listener.arn`). */
  listenerArn: pulumi.Input<string>;
  /** ARN of the target group that requests carrying the header are forwarded to. */
  targetGroupArn: pulumi.Input<string>;
  /**
   * The header's value, as a Pulumi secret (`config.requireSecret("originVerifySecret")`): 32 to 128 visible ASCII
   * characters without `*` or `?`, checked once known. A plain string is refused: it would be stored in clear.
   */
  secret: pulumi.Output<string>;
  /** Name of the header CloudFront adds. Default "X-Origin-Verify". */
  headerName?: string;
  /** Priority of the listener rule, 1 to 50000. Default 1, so no other rule of the listener is evaluated first. */
  priority?: number;
  /** Provider of the ALB's region. Default: the WebFirewall's own provider (us-east-1 for scope CLOUDFRONT). */
  provider?: pulumi.ProviderResource;
}

const KNOWN_ARGUMENTS: Record<keyof OriginRequestGateArgs, true> = {
  listenerArn: true,
  targetGroupArn: true,
  secret: true,
  headerName: true,
  priority: true,
  provider: true,
};

/** Groups: partition, region, account. */
const PARTITION_REGION_ACCOUNT = `arn:(${PARTITION_PATTERN}):elasticloadbalancing:(${REGION_PATTERN}):(${ACCOUNT_PATTERN})`;
const LISTENER_ARN = new RegExp(`^${PARTITION_REGION_ACCOUNT}:listener/app/[A-Za-z0-9-]{1,32}/[0-9a-f]+/[0-9a-f]+$`);
const TARGET_GROUP_ARN = new RegExp(`^${PARTITION_REGION_ACCOUNT}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+$`);

export interface OriginRequestGateRequest {
  /** The WebFirewall's name and scope, the labels earlier gates used and the listener priorities they hold. */
  component: {
    name: string;
    scope: string;
    usedLabels: ReadonlySet<string>;
    gatesByListener: ReadonlyMap<string, ReadonlyMap<number, string>>;
  };
  label: unknown;
  args: unknown;
}

/** The checked request, defaults filled in. */
export interface CheckedGate {
  listenerArn: pulumi.Input<string>;
  targetGroupArn: pulumi.Input<string>;
  secret: pulumi.Output<string>;
  headerName: string;
  priority: number;
  provider?: pulumi.ProviderResource;
}

/** Checks every argument at once, before anything is created; the secret's text is checked later, once known. */
export function checkOriginRequestGate(request: OriginRequestGateRequest): CheckedGate {
  const { component, label, args } = request;
  const problems = new Problems(`WebFirewall ${component.name}: originRequestGate`);
  checkCloudFrontScope(problems, component.scope, "originRequestGate");
  checkLabel(problems, label, component.usedLabels, { ...ORIGIN_LABEL, method: "originRequestGate" });
  // A misspelled key, or a string passed for the arguments, may hold the secret: its text is never shown.
  const known = checkKnownArguments(problems, args, Object.keys(KNOWN_ARGUMENTS), "", describeHidden);
  const given = args as Partial<OriginRequestGateArgs>;
  const checked = known ? checkGateArguments(problems, given, component.gatesByListener) : undefined;
  problems.throwIfAny();
  return checked as CheckedGate;
}

function checkGateArguments(
  problems: Problems,
  given: Partial<OriginRequestGateArgs>,
  gatesByListener: ReadonlyMap<string, ReadonlyMap<number, string>>,
): CheckedGate {
  const listenerArn = checkArn(problems, "listenerArn", given.listenerArn, LISTENER_ARN, LISTENER_FORM);
  const groupArn = checkArn(problems, "targetGroupArn", given.targetGroupArn, TARGET_GROUP_ARN, GROUP_FORM);
  if (listenerArn && groupArn) {
    const [listenerPlace, groupPlace] = [placeOf(listenerArn), placeOf(groupArn)];
    problems.check(
      listenerPlace === groupPlace,
      "targetGroupArn",
      given.targetGroupArn,
      `a target group of the listener's partition, region and account (${listenerPlace})`,
      "forward to a target group of the ALB's own account and region",
    );
  }
  checkSecret(problems, given.secret);
  const headerName = given.headerName ?? DEFAULT_ORIGIN_HEADER;
  checkHeaderName(problems, headerName);
  const priority = given.priority ?? DEFAULT_GATE_PRIORITY;
  const priorityInRange =
    checkPlain(problems, "priority", priority) &&
    problems.check(
      Number.isInteger(priority) && priority >= 1 && priority <= MAX_GATE_PRIORITY,
      "priority",
      priority,
      `an integer from 1 to ${MAX_GATE_PRIORITY} not used by another rule of the listener`,
      "omit priority for 1, so no other rule of the listener is evaluated before the gate",
    );
  // Only a plain ARN can be compared now; an Output's is not guessed at.
  if (listenerArn && priorityInRange) {
    problems.check(
      !gatesByListener.get(listenerArn)?.has(priority),
      "priority",
      priority,
      `a priority not used by an earlier originRequestGate call on listener ${listenerArn}`,
      "give each gate on a listener its own priority",
    );
  }
  checkProvider(problems, "provider", given.provider);
  return {
    listenerArn: given.listenerArn as pulumi.Input<string>,
    targetGroupArn: given.targetGroupArn as pulumi.Input<string>,
    secret: given.secret as pulumi.Output<string>,
    headerName,
    priority,
    provider: given.provider,
  };
}

const LISTENER_FORM = {
  allowed: "an ALB listener ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<alb>/<id>/<id>)",
  fix:
    "pass the ARN of the ALB listener CloudFront connects to, e.g. listener.arn (not the load balancer's or a " +
    "rule's; a Network Load Balancer's listener has no header rules)",
};
const GROUP_FORM = {
  allowed: "a target group ARN (arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>)",
  fix: "pass the ARN of the target group behind the listener, e.g. targetGroup.arn",
};

/**
 * The listener's or target group's ARN once known (an Output's form was not checked before) against the partition
 * and region of the rule's provider: ELB creates a listener rule in its provider's region only, and refuses one for a
 * listener or target group of another at deployment.
 */
export function checkGatePlace(
  problems: Problems,
  argument: "listenerArn" | "targetGroupArn",
  value: unknown,
  stack: { partition: string; region: string },
): void {
  const [form, regex] = argument === "listenerArn" ? [LISTENER_FORM, LISTENER_ARN] : [GROUP_FORM, TARGET_GROUP_ARN];
  if (!checkArn(problems, argument, value, regex, form)) return;
  checkArnPlace(problems, argument, value, {
    ...stack,
    why: "the gate's provider's: ELB creates a listener rule in its provider's region only",
    fix: `pass the ALB's ${argument} with provider set to a provider of its region (now ${stack.region})`,
  });
}

/** Checks a required ARN; returns its region when it is a plain, well-formed ARN. */
function checkArn(
  problems: Problems,
  argument: string,
  value: unknown,
  form: RegExp,
  message: { allowed: string; fix: string },
): string | undefined {
  if (!checkRequiredInput(problems, argument, value) || !isPlain(value)) return undefined;
  const match = form.exec(value as string);
  problems.check(match !== null, argument, value, `${message.allowed}, or an Output of one`, message.fix);
  return match ? (value as string) : undefined;
}

/** Partition, region and account of a known, well-formed ARN: a listener rule forwards only within them. */
function placeOf(arn: string): string {
  const [, partition, region, account] = new RegExp(`^${PARTITION_REGION_ACCOUNT}`).exec(arn)!;
  return `${partition}, ${region}, ${account}`;
}
