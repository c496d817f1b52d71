// require-waf-on-internet-endpoints on an ALB behind CloudFront: CloudFront's origin-facing prefix list admits every
// distribution, another account's too, so the ALB passes only when each listener the list admits forwards nothing by
// default and forwards through rules only under an http-header condition on the secret header our distribution's
// origin sends (WebFirewall.originRequestGate). Values unknown at preview that decide it are notes, never a pass.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { distribution } from "./waf-endpoint-inputs";
import {
  albListener,
  albStack,
  albUrn,
  AROUND,
  CLOUDFRONT_LIST,
  forwardToWeb,
  gatedDistribution,
  gateRule,
  headerCondition,
  inlineList,
  listenerRule,
  ListenerOptions,
  listenerUrn,
  ORIGIN_HEADER,
  ORIGIN_SECRET,
  originHeader,
  refuse403,
  secret,
  T,
} from "./waf-cloudfront-alb-fixtures";

const cdn = gatedDistribution({ type: T.lb, name: "web" });
/** The same distribution sending `customHeaders` instead of the gate's header. */
const cdnSending = (customHeaders: unknown) => gatedDistribution({ type: T.lb, name: "web" }, undefined, customHeaders);
const LIST_ADMITS_ALL = "CloudFront's origin-facing list admits every distribution, another account's too";
const NO_HEADER = "forwards requests that carry no secret origin header of the distribution";
const OTHER_SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
const LISTENER_ARN =
  "arn:aws:elasticloadbalancing:eu-central-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2";
const listen80 = { protocol: "tcp", fromPort: 80, toPort: 80, prefixListIds: [CLOUDFRONT_LIST] };
const web80Urn = urnOf(T.listener, "web-80");
/** Port 80 answering with a redirect to HTTPS only. */
const redirectTo443 = { type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } };
const pathCondition = { pathPattern: { values: ["/api/*"] } };

/** The locked ALB (only CloudFront's list on 443, and 80 with `also80`) behind `front`, its listeners `options`. */
const behind = (front = cdn, options: ListenerOptions = {}, more: StackInput[] = [], also80 = false) =>
  albStack(also80 ? [inlineList, listen80] : [inlineList], [front, ...more], {}, undefined, options);
/** A rule as an older SDK sends it: no per-property dependencies, the resource-wide list only. */
const olderSdk = (r: StackInput): StackInput => ({
  ...r,
  propertyDependencies: {},
  dependencies: [listenerUrn, urnOf(T.tg, "web")],
});
/** The gated listener on 443 with `rules` instead of the gate's own. */
const gated443 = (...rules: StackInput[]): ListenerOptions => ({ listeners: [albListener("web-443", 443), ...rules] });

describe("require-waf-on-internet-endpoints: the origin request gate of an ALB behind CloudFront", () => {
  stackTable(requireWafOnInternetEndpoints, [
    // Known-good: every listener the list admits forwards only requests carrying the distribution's secret header.
    { name: "the gate by property dependency (the component's rule and header)", resources: behind(), violations: 0 },
    {
      name: "the rule names the header in another case (header names ignore case)",
      resources: behind(cdn, gated443(gateRule(ORIGIN_HEADER.toLowerCase()))),
      violations: 0,
    },
    {
      name: "the rule's value a secret unknown at preview, the origin's known",
      resources: behind(cdn, gated443(gateRule(ORIGIN_HEADER, secret(UNKNOWN)))),
      violations: 0,
    },
    {
      name: "the origin's value unknown at preview, the rule's known",
      resources: behind(cdnSending([originHeader(ORIGIN_HEADER, UNKNOWN)])),
      violations: 0,
    },
    {
      name: "the rule's whole values list unknown at preview",
      resources: behind(cdn, gated443(listenerRule("web-origin-gate", [headerCondition(ORIGIN_HEADER, UNKNOWN)]))),
      violations: 0,
    },
    {
      name: "plain values equal but for case (the ALB compares values ignoring case)",
      resources: behind(
        cdnSending([originHeader(ORIGIN_HEADER, ORIGIN_SECRET)]),
        gated443(gateRule(ORIGIN_HEADER, ORIGIN_SECRET.toUpperCase())),
      ),
      violations: 0,
    },
    {
      name: "a listener on 80 the list opens too, answering with a redirect only",
      resources: behind(
        cdn,
        { listeners: [albListener("web-443", 443), gateRule(), albListener("web-80", 80, [redirectTo443])] },
        [],
        true,
      ),
      violations: 0,
    },
    {
      name: "a second rule forwarding under the header condition and a path condition (ANDed)",
      resources: behind(
        cdn,
        gated443(
          gateRule(),
          listenerRule("api", [pathCondition, headerCondition(ORIGIN_HEADER, [secret(ORIGIN_SECRET)])], {
            priority: 2,
          }),
        ),
      ),
      violations: 0,
    },
    {
      name: "a second rule without the header that answers with a fixed response",
      resources: behind(
        cdn,
        gated443(gateRule(), listenerRule("health", [pathCondition], { priority: 2, actions: [refuse403] })),
      ),
      violations: 0,
    },
    {
      name: "authenticate-oidc then forward, under the header condition",
      resources: behind(
        cdn,
        gated443(
          listenerRule("web-origin-gate", [headerCondition(ORIGIN_HEADER, [secret(ORIGIN_SECRET)])], {
            actions: [
              { type: "authenticate-oidc", authenticateOidc: { issuer: "https://idp.example.com" } },
              forwardToWeb,
            ],
          }),
        ),
      ),
      violations: 0,
    },
    {
      name: "after deployment: the gate's rule names the listener by its literal ARN",
      resources: behind(cdn, {
        listeners: [
          albListener("web-443", 443, [refuse403], { arn: LISTENER_ARN }),
          listenerRule(
            "web-origin-gate",
            [headerCondition(ORIGIN_HEADER, [secret(ORIGIN_SECRET)])],
            { listenerArn: LISTENER_ARN },
            { listenerArn: [] },
          ),
        ],
      }),
      violations: 0,
    },
    {
      name: "an older SDK: the gate's rule linked by resource-wide dependencies only",
      resources: behind(cdn, gated443(olderSdk(gateRule()))),
      violations: 0,
    },
    {
      name: "a forwarding listener on a port the list does not open (8080, the VPC only)",
      resources: albStack(
        [inlineList, { protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["10.0.0.0/16"] }],
        [cdn],
        {},
        undefined,
        { listeners: [albListener("web-443", 443), gateRule(), albListener("web-8080", 8080, [forwardToWeb])] },
      ),
      violations: 0,
    },
    {
      name: "an S3 origin of unknown domain beside the ALB's sends no header",
      resources: behind({
        ...cdn,
        props: {
          ...cdn.props,
          origins: [
            ...(cdn.props.origins as unknown[]),
            { originId: "static", domainName: UNKNOWN, s3OriginConfig: {} },
          ],
        },
      }),
      violations: 0,
    },
    {
      name: "an internal ALB (a VPC origin) is not judged, gate or none",
      resources: albStack([inlineList], [cdn], { internal: true }, undefined, { gate: false }),
      violations: 0,
    },
    // Known-bad: another account's distribution pointed at the ALB goes around the web ACL.
    {
      name: "no gate: the listener's default action forwards",
      resources: behind(cdn, { gate: false }),
      violations: 1,
      urn: albUrn,
      mentions: `${AROUND}: ${LIST_ADMITS_ALL}, and listener web-443 ${NO_HEADER} (WebFirewall.originRequestGate): its default action forwards`,
    },
    {
      name: "the gate's rule, but the default action still forwards",
      resources: behind(cdn, { listeners: [albListener("web-443", 443, [forwardToWeb]), gateRule()] }),
      violations: 1,
      mentions: "its default action forwards",
    },
    {
      name: "a default action authenticating, then forwarding",
      resources: behind(cdn, {
        listeners: [
          albListener("web-443", 443, [
            { type: "authenticate-cognito", authenticateCognito: { userPoolArn: UNKNOWN } },
            forwardToWeb,
          ]),
          gateRule(),
        ],
      }),
      violations: 1,
      mentions: "its default action forwards",
    },
    {
      name: "a second rule forwarding without the header condition",
      resources: behind(cdn, gated443(gateRule(), listenerRule("api", [pathCondition], { priority: 2 }))),
      violations: 1,
      urn: albUrn,
      mentions: "rule api forwards, and it has no http-header condition",
    },
    {
      name: "a second rule attached by the listener's literal ARN, forwarding without the header",
      resources: behind(cdn, {
        listeners: [
          albListener("web-443", 443, [refuse403], { arn: LISTENER_ARN }),
          gateRule(),
          listenerRule("api", [pathCondition], { priority: 2, listenerArn: LISTENER_ARN }, { listenerArn: [] }),
        ],
      }),
      violations: 1,
      mentions: "rule api forwards",
    },
    {
      name: "an older SDK: a second rule forwarding without the header, linked by resource-wide dependencies",
      resources: behind(cdn, gated443(gateRule(), olderSdk(listenerRule("api", [pathCondition], { priority: 2 })))),
      violations: 1,
      mentions: "rule api forwards, and it has no http-header condition",
    },
    {
      name: "the rule's header name differs from the origin's customHeaders",
      resources: behind(cdn, gated443(gateRule("X-Origin-Token"))),
      violations: 1,
      mentions: `names X-Origin-Token, a header the distribution's origin does not send (it sends ${ORIGIN_HEADER})`,
    },
    {
      name: "the distribution's origin has no customHeaders",
      resources: behind(distribution({ type: T.lb, name: "web" })),
      violations: 1,
      mentions: "the distribution's origin for it sends no customHeaders",
    },
    {
      name: "known values that differ",
      resources: behind(
        cdnSending([originHeader(ORIGIN_HEADER, secret(OTHER_SECRET))]),
        gated443(gateRule(ORIGIN_HEADER, secret(ORIGIN_SECRET))),
      ),
      violations: 1,
      mentions: `its ${ORIGIN_HEADER} condition matches no value the distribution sends`,
    },
    {
      name: "a wildcard value is not the secret the distribution sends",
      resources: behind(cdn, gated443(gateRule(ORIGIN_HEADER, "*"))),
      violations: 1,
      mentions: "matches no value the distribution sends",
    },
    {
      name: "a listener on 80 the list opens forwards everything",
      resources: behind(
        cdn,
        { listeners: [albListener("web-443", 443), gateRule(), albListener("web-80", 80, [forwardToWeb])] },
        [],
        true,
      ),
      violations: 1,
      mentions: `listener web-80 ${NO_HEADER}`,
    },
    {
      name: "the gate's rule sits on another listener than the one forwarding",
      resources: behind(
        cdn,
        {
          listeners: [
            albListener("web-443", 443),
            albListener("web-80", 80, [refuse403]),
            listenerRule("web-origin-gate", [headerCondition(ORIGIN_HEADER, [secret(ORIGIN_SECRET)])]),
            listenerRule("open", [pathCondition], {}, { listenerArn: [web80Urn] }),
          ],
        },
        [],
        true,
      ),
      violations: 1,
      mentions: `listener web-80 ${NO_HEADER} (WebFirewall.originRequestGate): rule open forwards`,
    },
    {
      name: "no listener of the ALB in the stack",
      resources: behind(cdn, { listeners: [] }),
      violations: 1,
      mentions: "no listener of it in the stack shows that it forwards only requests carrying a secret origin header",
    },
    {
      name: "a known way through outweighs an unknown one",
      resources: behind(
        cdn,
        gated443(listenerRule("web-origin-gate", UNKNOWN), listenerRule("api", [pathCondition], { priority: 2 })),
      ),
      violations: 1,
      mentions: "rule api forwards",
    },
    // Unknown at preview in a way that decides it: notes, never a pass.
    {
      name: "the gate rule's conditions unknown at preview",
      resources: behind(cdn, gated443(listenerRule("web-origin-gate", UNKNOWN))),
      violations: 0,
      notes: 1,
    },
    {
      name: "one condition of a forwarding rule unknown at preview",
      resources: behind(cdn, gated443(listenerRule("web-origin-gate", [pathCondition, UNKNOWN]))),
      violations: 0,
      notes: 1,
    },
    {
      name: "the header name unknown at preview",
      resources: behind(cdn, gated443(gateRule(UNKNOWN))),
      violations: 0,
      notes: 1,
    },
    {
      name: "the listener's default actions unknown at preview",
      resources: behind(cdn, { listeners: [albListener("web-443", 443, UNKNOWN), gateRule()] }),
      violations: 0,
      notes: 1,
    },
    {
      name: "an action type unknown at preview on a rule without the header",
      resources: behind(
        cdn,
        gated443(gateRule(), listenerRule("api", [pathCondition], { priority: 2, actions: [{ type: UNKNOWN }] })),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "the origin's customHeaders unknown at preview, the rule's header named",
      resources: behind(cdnSending(UNKNOWN)),
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);

  it("says why and names the gate in the fix", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, behind(cdn, { gate: false }));
    expect(ds.map((d) => [d.urn, d.level])).toEqual([[albUrn, "mandatory"]]);
    expect(ds[0].message).toContain(
      `${AROUND}: ${LIST_ADMITS_ALL}, and listener web-443 ${NO_HEADER} (WebFirewall.originRequestGate)`,
    );
    expect(ds[0].message).toContain("customHeaders");
    expect(ds[0].message).toContain("com.amazonaws.global.cloudfront.origin-facing");
    expect(ds[0].message).toContain("REGIONAL web ACL");
  });

  it("a rule's conditions unknown at preview are a note naming them and the listener", async () => {
    const ds = await runStack(
      requireWafOnInternetEndpoints,
      behind(cdn, gated443(listenerRule("web-origin-gate", UNKNOWN))),
    );
    expect(ds.map((d) => [d.urn, d.level])).toEqual([[albUrn, "advisory"]]);
    expect(ds[0].message).toContain("conditions of listener rule web-origin-gate is unknown");
    expect(ds[0].message).toContain(`whether web is ${AROUND}: ${LIST_ADMITS_ALL}`);
    expect(ds[0].message).toContain(
      "listener web-443 may forward requests without the distribution's secret origin header",
    );
  });

  it("never shows the secret", async () => {
    const ds = await runStack(
      requireWafOnInternetEndpoints,
      behind(cdnSending([originHeader(ORIGIN_HEADER, secret(OTHER_SECRET))])),
    );
    expect(ds).toHaveLength(1);
    expect(ds[0].message).not.toContain(ORIGIN_SECRET);
    expect(ds[0].message).not.toContain(OTHER_SECRET);
  });
});
