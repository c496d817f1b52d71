// The second half of a CLOUDFRONT WebFirewall's origin lock. CloudFront's origin-facing prefix list admits every
// distribution, another account's too, so anyone can point a distribution without this web ACL at the origin ALB.
// AWS's documented fix ("Restricting access to Application Load Balancers", CloudFront developer guide): the
// distribution adds a custom header with a secret value to its origin requests, an ALB listener rule forwards only
// requests that carry it, and the listener's default action answers 403 to every other request.
// Arguments and their checks: originRequestGateArgs.ts; the header: originGateHeader.ts; the secret:
// originGateSecret.ts; the gates already on each listener: originGateListeners.ts.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkSecretValue } from "./originGateSecret";
import { checkGatePlace, type CheckedGate } from "./originRequestGateArgs";
import { afterCheck, checkOnceKnown } from "./deferredCheck";
import { answeredInvoke } from "../invokeAnswer";

export { DEFAULT_ORIGIN_HEADER, reservedHeaderReason } from "./originGateHeader";
export { checkSecretValue, describeSecret, MAX_SECRET_LENGTH, MIN_SECRET_LENGTH } from "./originGateSecret";
export { rememberGate, sharedListenerWarning } from "./originGateListeners";
export type { GatesByListener } from "./originGateListeners";
export { checkOriginRequestGate, DEFAULT_GATE_PRIORITY, MAX_GATE_PRIORITY } from "./originRequestGateArgs";
export type { CheckedGate, OriginRequestGateArgs, OriginRequestGateRequest } from "./originRequestGateArgs";

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
  // The listener and target group must be of the rule's provider's partition and region; the rule waits for the
  // checks, each of its inputs for its own, so their dependencies stay the ARNs' own. Through an unconfigured
  // provider the checks wait for the deployment (../invokeAnswer.ts).
  const stack = {
    partition: answeredInvoke(subject, "getPartition", ["partition"], aws.getPartitionOutput({}, placement)).partition,
    region: answeredInvoke(subject, "getRegion", ["region"], aws.getRegionOutput({}, placement)).region,
  };
  const placed = (argument: "listenerArn" | "targetGroupArn") =>
    afterCheck(
      checkOnceKnown(subject, { value: args[argument], stack }, (problems, known) =>
        checkGatePlace(problems, argument, known.value, known.stack),
      ),
      args[argument],
    );
  const rule = new aws.lb.ListenerRule(
    `${args.component}-origin-gate-${args.label}`,
    {
      listenerArn: placed("listenerArn"),
      priority: args.priority,
      actions: [{ type: "forward", targetGroupArn: placed("targetGroupArn") }],
      conditions: [{ httpHeader: { httpHeaderName: args.headerName, values: [value] } }],
      tags: args.tags,
    },
    { ...placement, additionalSecretOutputs: ["conditions"] },
  );
  return { rule, customHeader: { name: args.headerName, value }, defaultAction: refusingDefaultAction() };
}
