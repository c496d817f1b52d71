// The second half of a CLOUDFRONT WebFirewall's origin lock. CloudFront's origin-facing prefix list admits every
// distribution, another account's too, so anyone can point a distribution without this web ACL at the origin ALB.
// AWS's documented fix ("Restricting access to Application Load Balancers", CloudFront developer guide): the
// distribution adds a custom header with a secret value to its origin requests, an ALB listener rule forwards only
// requests that carry it, and the listener's default action answers 403 to every other request.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  checkKnownArguments,
  checkPlain,
  checkRequiredInput,
  isPlain,
  Problems,
  showValue,
  validateArgs,
} from "../validation";
import { checkLabel } from "../labels";
import { checkCloudFrontScope, checkProvider, ORIGIN_LABEL } from "./cloudFrontOriginLock";

export const DEFAULT_ORIGIN_HEADER = "X-Origin-Verify";
export const DEFAULT_GATE_PRIORITY = 1;
/** ALB listener rule priorities. */
export const MAX_GATE_PRIORITY = 50_000;
/** Below this a secret is guessable; 32 characters of hex already hold 128 bits. */
export const MIN_SECRET_LENGTH = 32;
/** An ALB header condition compares strings of at most 128 characters. */
export const MAX_SECRET_LENGTH = 128;
/** An ALB header condition names a header of at most 40 characters. */
const MAX_HEADER_NAME_LENGTH = 40;

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

/** What a distribution and the listener need to use the gate. */
export interface OriginRequestGate {
  /** Forwards to `targetGroupArn` only requests whose header carries the secret. */
  rule: aws.lb.ListenerRule;
  /** The entry for the distribution origin's `customHeaders`; its value is the checked secret, kept secret. */
  customHeader: { name: string; value: pulumi.Output<string> };
  /** The entry for the listener's `defaultActions`: every request without the header is refused. */
  defaultAction: {
    type: "fixed-response";
    fixedResponse: { contentType: "text/plain"; statusCode: "403"; messageBody: string };
  };
}

const KNOWN_ARGUMENTS: Record<keyof OriginRequestGateArgs, true> = {
  listenerArn: true,
  targetGroupArn: true,
  secret: true,
  headerName: true,
  priority: true,
  provider: true,
};

/**
 * Headers CloudFront refuses to add to origin requests: the list "Custom headers that CloudFront can't add to origin
 * requests" of the CloudFront developer guide, written in lower case.
 */
const CLOUDFRONT_REFUSED_HEADERS: ReadonlySet<string> = new Set([
  "cache-control",
  "connection",
  "content-length",
  "cookie",
  "host",
  "if-match",
  "if-modified-since",
  "if-none-match",
  "if-range",
  "if-unmodified-since",
  "max-forwards",
  "pragma",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "range",
  "request-range",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "via",
  "x-real-ip",
]);
/** The same list's prefixes (X-Amz-Cf-Id is one of CloudFront's own). */
const CLOUDFRONT_REFUSED_PREFIXES: readonly string[] = ["x-amz-", "x-edge-"];
/**
 * Prefixes of headers CloudFront or the ALB write themselves: CloudFront appends the viewer's address to
 * X-Forwarded-For and adds its CloudFront-Viewer-* headers, the ALB rewrites X-Forwarded-* and adds X-Amzn-Trace-Id.
 * A secret there would not arrive as sent, or would share its header with values AWS puts in.
 */
const AWS_WRITTEN_PREFIXES: readonly string[] = ["x-forwarded-", "cloudfront-", "x-amzn-"];

/** Why a header cannot carry the secret, or undefined when it can. */
export function reservedHeaderReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (CLOUDFRONT_REFUSED_HEADERS.has(lower) || CLOUDFRONT_REFUSED_PREFIXES.some((p) => lower.startsWith(p))) {
    return "CloudFront refuses to add it to origin requests";
  }
  if (AWS_WRITTEN_PREFIXES.some((p) => lower.startsWith(p))) return "CloudFront or the ALB write it themselves";
  return undefined;
}

/** RFC 7230 token characters without `*`, which an ALB header condition does not take as a name. */
const HEADER_NAME = /^[!#$%&'+\-.^_`|~0-9A-Za-z]+$/;
const PARTITION_REGION_ACCOUNT = "arn:(aws(?:-[a-z]+)*):elasticloadbalancing:([a-z]{2}(?:-[a-z]+)+-\\d{1,2}):(\\d{12})";
const LISTENER_ARN = new RegExp(`^${PARTITION_REGION_ACCOUNT}:listener/app/[A-Za-z0-9-]{1,32}/[0-9a-f]+/[0-9a-f]+$`);
const TARGET_GROUP_ARN = new RegExp(`^${PARTITION_REGION_ACCOUNT}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+$`);
/** Visible ASCII, the characters a header value keeps unchanged through CloudFront and the ALB. */
const VISIBLE_ASCII = /^[\x21-\x7e]*$/;

/** What stands for the secret in a message: its kind and length, never its text. */
export function describeSecret(value: unknown): string {
  if (typeof value === "string") return `(secret: ${value.length} characters)`;
  if (value === null) return "(secret: null)";
  return `(secret: ${/^[aeiou]/.test(typeof value) ? "an" : "a"} ${typeof value})`;
}

/** What stands for a value that may be the secret, given where no argument takes it. */
function describeHidden(value: unknown): string {
  return typeof value === "string" ? `(not shown: ${value.length} characters, it may be the secret)` : showValue(value);
}

/**
 * A component's gates on listeners given as plain ARNs: listener ARN, then priority, then the gate's label. A
 * listener's rule priorities are unique, so AWS refuses a second rule at a taken priority half-way through a deployment.
 */
export type GatesByListener = Map<string, Map<number, string>>;

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
  const listenerArn = checkArn(problems, "listenerArn", given.listenerArn, LISTENER_ARN, {
    allowed: "an ALB listener ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener/app/<alb>/<id>/<id>)",
    fix:
      "pass the ARN of the ALB listener CloudFront connects to, e.g. listener.arn (not the load balancer's or a " +
      "rule's; a Network Load Balancer's listener has no header rules)",
  });
  const groupArn = checkArn(problems, "targetGroupArn", given.targetGroupArn, TARGET_GROUP_ARN, {
    allowed: "a target group ARN (arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>)",
    fix: "pass the ARN of the target group behind the listener, e.g. targetGroup.arn",
  });
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

/**
 * Remembers a gate that was made, when its listener ARN is a plain string; returns the labels of the gates already on
 * that listener (at other priorities, or the check would have refused it).
 */
export function rememberGate(gates: GatesByListener, label: string, gate: CheckedGate): string[] {
  if (typeof gate.listenerArn !== "string") return [];
  const onListener = gates.get(gate.listenerArn) ?? new Map<number, string>();
  gates.set(gate.listenerArn, onListener);
  const earlier = [...onListener.values()];
  onListener.set(gate.priority, label);
  return earlier;
}

/** Each gate's rule forwards on its own header and secret, so a listener with two gates opens to either. */
export function sharedListenerWarning(label: string, listenerArn: string, earlier: readonly string[]): string {
  const labels = [...earlier, label].map((l) => `"${l}"`).join(", ");
  return (
    `originRequestGate("${label}"): listener ${listenerArn} now forwards requests that carry the secret header of ` +
    `any of the gates ${labels}; keep more than one gate on a listener only while rotating the secret, then remove ` +
    "the older gate"
  );
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

/** The secret must arrive as an Output (or Promise): a plain value sits in the program and in the state in clear. */
function checkSecret(problems: Problems, secret: unknown): void {
  if (!isPlain(secret)) return;
  if (secret === undefined) {
    problems.add(
      "secret",
      undefined,
      'a Pulumi secret Output, e.g. new pulumi.Config().requireSecret("originVerifySecret")',
      "set it with `pulumi config set --secret originVerifySecret <32 to 128 random characters>` and pass " +
        'config.requireSecret("originVerifySecret")',
    );
    return;
  }
  problems.add(
    "secret",
    describeSecret(secret),
    'a Pulumi secret Output, e.g. new pulumi.Config().requireSecret("originVerifySecret"), not a plain value',
    'read it with config.requireSecret("originVerifySecret") (set with `pulumi config set --secret`): a plain ' +
      "string would be stored in clear in the state",
  );
}

function checkHeaderName(problems: Problems, name: unknown): void {
  if (!checkPlain(problems, "headerName", name)) return;
  const written = problems.check(
    typeof name === "string" && name.length <= MAX_HEADER_NAME_LENGTH && HEADER_NAME.test(name),
    "headerName",
    name,
    `an HTTP header name of 1 to ${MAX_HEADER_NAME_LENGTH} letters, digits or !#$%&'+-.^_\`|~ (no spaces, no *)`,
    `omit headerName for "${DEFAULT_ORIGIN_HEADER}"`,
  );
  if (!written) return;
  const reason = reservedHeaderReason(name as string);
  problems.check(
    reason === undefined,
    "headerName",
    name,
    `a header CloudFront adds unchanged (not "${name}": ${reason})`,
    `omit headerName for "${DEFAULT_ORIGIN_HEADER}", or pick a name of your own, e.g. "X-Origin-Token"`,
  );
}

/**
 * Checks the secret's text once it is known (inside apply, so the rule and the distribution wait for it). Messages
 * give its length, never its text.
 */
export function checkSecretValue(subject: string, value: unknown): void {
  validateArgs(subject, (problems) => {
    const shown = describeSecret(value);
    if (!problems.check(typeof value === "string", "secret", shown, "a string", "pass a secret string")) return;
    const text = value as string;
    problems.check(
      text.length >= MIN_SECRET_LENGTH && text.length <= MAX_SECRET_LENGTH,
      "secret",
      shown,
      `${MIN_SECRET_LENGTH} to ${MAX_SECRET_LENGTH} characters (an ALB header condition compares at most ` +
        `${MAX_SECRET_LENGTH})`,
      "set a new random value of 32 to 128 characters, e.g. 64 hex digits, with `pulumi config set --secret`",
    );
    problems.check(
      VISIBLE_ASCII.test(text) && !/[*?]/.test(text),
      "secret",
      shown,
      "visible ASCII characters without spaces, * or ? (the ALB reads * and ? as wildcards, so a secret holding " +
        "them matches other values)",
      "set a new random value of hex digits or letters and digits",
    );
  });
}

/** The listener's default action while the gate is in place: no header, no origin. */
export function refusingDefaultAction(): OriginRequestGate["defaultAction"] {
  return {
    type: "fixed-response",
    fixedResponse: { contentType: "text/plain", statusCode: "403", messageBody: "Forbidden" },
  };
}

export interface OriginRequestGateRuleArgs extends CheckedGate {
  component: string;
  label: string;
  tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The listener rule, the distribution's header and the listener's default action, all from one checked secret. */
export function createOriginRequestGate(parent: pulumi.Resource, args: OriginRequestGateRuleArgs): OriginRequestGate {
  const subject = `WebFirewall ${args.component}: originRequestGate("${args.label}")`;
  const given = pulumi.output(args.secret);
  // An Output that is not a secret held the value in clear before it got here (config set without --secret).
  void pulumi.isSecret(given).then((secret) => {
    if (!secret) {
      pulumi.log.warn(
        `${subject}: secret is an Output that is not marked secret, so its value may be stored in clear where it ` +
          "comes from; set it with `pulumi config set --secret` and read it with config.requireSecret",
        parent,
      );
    }
  });
  // Checked once known; the rule and the distribution's header wait for the check, and the state keeps it secret.
  const value = pulumi.secret(
    given.apply((text) => {
      checkSecretValue(subject, text);
      return text;
    }),
  );
  // Without an explicit provider, the rule uses the parent's, as every child of the component does.
  const placement = args.provider ? { parent, provider: args.provider } : { parent };
  const rule = new aws.lb.ListenerRule(
    `${args.component}-origin-gate-${args.label}`,
    {
      listenerArn: args.listenerArn,
      priority: args.priority,
      actions: [{ type: "forward", targetGroupArn: args.targetGroupArn }],
      conditions: [{ httpHeader: { httpHeaderName: args.headerName, values: [value] } }],
      tags: args.tags,
    },
    { ...placement, additionalSecretOutputs: ["conditions"] },
  );
  return { rule, customHeader: { name: args.headerName, value }, defaultAction: refusingDefaultAction() };
}
