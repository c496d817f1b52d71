// The secret origin header of a CLOUDFRONT WebFirewall: a listener rule forwarding only requests that carry it, the
// header for the distribution and the listener's refusing default action. Bad requests fail before anything is made,
// and no message ever holds the secret's text.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, recorded, reset, settle, validationErrorOf, valueOf } from "./mocks";

installMocks();
import { WebFirewall } from "../../../components/aws/webFirewall";
import { MAX_SECRET_LENGTH, MIN_SECRET_LENGTH, reservedHeaderReason } from "../../../components/aws/originRequestGate";

const RULE = "aws:lb/listenerRule:ListenerRule";
const LISTENER =
  "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2";
/** Another listener of the same ALB: `n` tells them apart. */
const listenerNumber = (n: number) => LISTENER.replace(/[0-9a-f]+$/, n.toString(16).padStart(16, "0"));
const TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067";
const SECRET = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
/** A value a caller might paste into the program; no message may repeat it. */
const PLAIN_SECRET = "plain-text-origin-secret-that-must-never-leak";
const SECRET_SIGNATURE = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig };

const gateRule = (label: string) => ofType(RULE, new RegExp(`-origin-gate-${label}$`));
/** The provider a registration names: its reference ends in `<name>-id` under the mocks. */
const providerName = (ref: string | undefined) => ref?.split("::").pop()?.replace(/-id$/, "");
/** A value not known until deployment, as a preview sees a secret that comes from another resource. */
const unknownSecret = (): pulumi.Output<string> => {
  const Impl = pulumi.Output as unknown as new (...args: unknown[]) => pulumi.Output<string>;
  const never = Promise.resolve(false);
  return new Impl(new Set(), Promise.resolve(undefined), never, Promise.resolve(true), Promise.resolve(new Set()));
};

function cloudFrontFirewall(name: string): WebFirewall {
  const useast1 = new aws.Provider(`${name}-us-east-1`, { region: "us-east-1" });
  return new WebFirewall(name, { scope: "CLOUDFRONT", tags: { team: "web" } }, { provider: useast1 });
}

const gateArgs = (extra: Record<string, unknown> = {}) =>
  ({ listenerArn: LISTENER, targetGroupArn: TARGET_GROUP, secret: pulumi.secret(SECRET), ...extra }) as never;

describe("WebFirewall.originRequestGate: the gate", () => {
  let plain: ReturnType<WebFirewall["originRequestGate"]>;
  let frankfurt: ReturnType<WebFirewall["originRequestGate"]>;
  let warnings: string[];

  beforeAll(async () => {
    reset();
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const waf = cloudFrontFirewall("cdn");
      // The ingress rules and the gate of one origin share a label, in either order, and warn about nothing.
      waf.originIngressRules("web-alb", "sg-0123456789abcdef0");
      plain = waf.originRequestGate("web-alb", gateArgs());
      const region = new aws.Provider("frankfurt", { region: "eu-central-1" });
      const group = new aws.lb.TargetGroup("eu-web", { port: 443, protocol: "HTTPS" }, { provider: region });
      const listener = new aws.lb.Listener(
        "eu-web",
        {
          loadBalancerArn: "arn:aws:elasticloadbalancing:eu-central-1:123456789012:loadbalancer/app/eu/1",
          // The listener is made before the gate, which needs its ARN.
          defaultActions: [WebFirewall.originGateDefaultAction()],
        },
        { provider: region },
      );
      // An Output the program did not mark secret: still kept secret here, with a warning about where it came from.
      frankfurt = waf.originRequestGate("eu-alb", {
        listenerArn: listener.arn,
        targetGroupArn: group.arn,
        secret: pulumi.output(SECRET.toUpperCase()),
        headerName: "X-CDN-Token",
        priority: 50000,
        provider: region,
      });
      waf.originIngressRules("eu-alb", "sg-0123456789abcdef1", { provider: region });
      await settle();
      warnings = warn.mock.calls.map((c) => String(c[0]));
    } finally {
      warn.mockRestore();
    }
  });

  it("forwards to the target group only requests whose header carries the secret, at priority 1, tagged", () => {
    expect(gateRule("web-alb").map((r) => r.inputs)).toEqual([
      {
        listenerArn: LISTENER,
        priority: 1,
        actions: [{ type: "forward", targetGroupArn: TARGET_GROUP }],
        conditions: {
          ...SECRET_SIGNATURE,
          value: [{ httpHeader: { httpHeaderName: "X-Origin-Verify", values: [SECRET] } }],
        },
        tags: { team: "web" },
      },
    ]);
  });

  it("keeps the header value secret in the state and in what it hands out, even from a plain Output", async () => {
    expect(ofType(RULE)).toHaveLength(2);
    for (const rule of ofType(RULE)) expect(rule.inputs.conditions).toMatchObject(SECRET_SIGNATURE);
    for (const gate of [plain, frankfurt]) {
      expect(await pulumi.isSecret(gate.customHeader.value)).toBe(true);
      expect(await pulumi.isSecret(gate.rule.conditions)).toBe(true);
    }
    expect(await valueOf(frankfurt.customHeader.value)).toBe(SECRET.toUpperCase());
  });

  it("hands out the distribution's header and a listener default action that refuses with 403", async () => {
    expect(plain.customHeader.name).toBe("X-Origin-Verify");
    expect(Object.keys(plain.customHeader).sort()).toEqual(["name", "value"]);
    expect(await valueOf(plain.customHeader.value)).toBe(SECRET);
    expect(plain.defaultAction).toEqual({
      type: "fixed-response",
      fixedResponse: { contentType: "text/plain", statusCode: "403", messageBody: "Forbidden" },
    });
    // Each gate gets its own object, so editing one listener's action leaves another's alone.
    expect(frankfurt.defaultAction).toEqual(plain.defaultAction);
    expect(frankfurt.defaultAction).not.toBe(plain.defaultAction);
    // The listener made before the gate refuses the same way.
    const listener = ofType("aws:lb/listener:Listener", /^eu-web$/)[0];
    expect(listener.inputs.defaultActions).toEqual([plain.defaultAction]);
    expect(WebFirewall.originGateDefaultAction()).not.toBe(WebFirewall.originGateDefaultAction());
    // Both fit the resources they are meant for.
    const header: aws.types.input.cloudfront.DistributionOriginCustomHeader = plain.customHeader;
    const action: aws.types.input.lb.ListenerDefaultAction = plain.defaultAction;
    expect([header.name, action.type]).toEqual(["X-Origin-Verify", "fixed-response"]);
  });

  it("takes the listener and group as Outputs, its own header name and priority, and the ALB's provider", async () => {
    const [rule] = gateRule("eu-alb");
    expect(rule.inputs.priority).toBe(50000);
    expect(rule.inputs.listenerArn).toBe(await valueOf(frankfurt.rule.listenerArn));
    expect(rule.inputs.listenerArn).toMatch(/:eu-central-1:.*:listener\/app\/eu-web\//);
    expect(rule.inputs.actions).toEqual([
      { type: "forward", targetGroupArn: expect.stringMatching(/:eu-central-1:.*:targetgroup\/eu-web\//) },
    ]);
    expect(rule.inputs.conditions.value).toEqual([
      { httpHeader: { httpHeaderName: "X-CDN-Token", values: [SECRET.toUpperCase()] } },
    ]);
    expect(frankfurt.customHeader.name).toBe("X-CDN-Token");
    expect(providerName(rule.provider)).toBe("frankfurt");
    expect(providerName(gateRule("web-alb")[0].provider)).toBe("cdn-us-east-1");
  });

  it("warns once, for the Output not marked secret, without its text; the ingress rules warn about no gate", () => {
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('WebFirewall cdn: originRequestGate("eu-alb"): secret is an Output that is not');
    expect(warnings[0]).toContain("config.requireSecret");
    for (const w of warnings) expect(w.toLowerCase()).not.toContain(SECRET.toLowerCase());
  });
});

describe("WebFirewall.originRequestGate: a known secret is checked before the rule is made", () => {
  let waf: WebFirewall;
  beforeAll(async () => {
    reset();
    waf = cloudFrontFirewall("known");
    await settle();
  });

  // Each gate on a listener of its own: the call succeeds before its secret is checked, so it holds its priority.
  let listeners = 10;
  const ownListener = () => listenerNumber(listeners++);

  /** The registration failures of one gate, and whether its rule was registered. */
  async function gateWith(label: string, secret: pulumi.Output<string>) {
    const failures = await registrationFailures(async () => {
      const gate = waf.originRequestGate(label, gateArgs({ secret, listenerArn: ownListener() }));
      // The distribution's header waits for the same check.
      gate.customHeader.value.apply(() => undefined);
      await settle();
    });
    return { failures, made: gateRule(label).length === 1 };
  }

  const hex = (n: number) => "0123456789abcdef".repeat(9).slice(0, n);
  it.each<[string, string, string, RegExp]>([
    [
      "one short of 32",
      "short",
      hex(MIN_SECRET_LENGTH - 1),
      /"secret" is "\(secret: 31 characters\)"; allowed: 32 to 128/,
    ],
    ["an empty string", "empty", "", /"secret" is "\(secret: 0 characters\)"; allowed: 32 to 128/],
    ["one above the ALB's 128", "long", hex(MAX_SECRET_LENGTH + 1), /"\(secret: 129 characters\)"; allowed: 32 to 128/],
    ["holding a * wildcard", "star", `${hex(40)}*`, /allowed: visible ASCII characters without spaces, \* or \?/],
    ["holding a ? wildcard", "question", `${hex(40)}?`, /\* or \? \(the ALB reads \* and \? as wildcards/],
    ["holding a space", "space", `${hex(20)} ${hex(20)}`, /allowed: visible ASCII characters/],
    ["holding a newline", "newline", `${hex(40)}\n`, /allowed: visible ASCII characters/],
    ["beyond ASCII", "accent", `${hex(40)}é`, /allowed: visible ASCII characters/],
  ])("refuses a secret %s once known, without showing it", async (_label, name, secret, expected) => {
    const { failures, made } = await gateWith(name, pulumi.secret(secret));
    expect(made).toBe(false);
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures) {
      expect(m).toContain(`WebFirewall known: originRequestGate("${name}"): 1 invalid argument`);
      expect(m).toMatch(expected);
      if (secret.length > 0) expect(m).not.toContain(secret.slice(0, 16));
    }
  });

  it.each<[string, string, string]>([
    ["exactly 32 characters", "min", hex(MIN_SECRET_LENGTH)],
    ["exactly 128 characters", "max", hex(MAX_SECRET_LENGTH)],
    ["base64 with + / =", "base64", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq8/+=="],
    ["mixed-case punctuation", "punctuation", "Ab3$%&'()+,-./:;<=>@[]^_`{|}~Ab3$%&!"],
  ])("accepts a secret of %s", async (_label, name, secret) => {
    const { failures, made } = await gateWith(name, pulumi.secret(secret));
    expect(failures).toEqual([]);
    expect(made).toBe(true);
  });

  it("leaves a secret unknown at preview to be checked at deployment, still secret", async () => {
    let gate: ReturnType<WebFirewall["originRequestGate"]> | undefined;
    const failures = await registrationFailures(async () => {
      gate = waf.originRequestGate("later", gateArgs({ secret: unknownSecret(), listenerArn: ownListener() }));
      await settle();
    });
    expect(failures).toEqual([]);
    expect(gateRule("later")).toHaveLength(1);
    expect(await pulumi.isSecret(gate!.customHeader.value)).toBe(true);
  });
});

describe("WebFirewall.originRequestGate: bad requests fail before anything is made", () => {
  let waf: WebFirewall;
  let warn: jest.SpyInstance;

  /** The problems of a call; nothing may be registered, looked up or warned about. */
  async function refused(make: () => unknown) {
    const before = recorded.length;
    warn.mockClear();
    const error = validationErrorOf(make);
    await settle();
    expect(recorded).toHaveLength(before);
    expect(warn).not.toHaveBeenCalled();
    expect(error.message).not.toContain(PLAIN_SECRET);
    expect(error.message).not.toContain(SECRET);
    return error;
  }
  const argumentsOf = (error: { problems: { argument: string }[] }) => error.problems.map((p) => p.argument);

  beforeAll(async () => {
    reset();
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    waf = cloudFrontFirewall("edge");
    // On a listener of its own, so the refused calls below clash with it only by label.
    waf.originRequestGate("taken", gateArgs({ listenerArn: listenerNumber(3) }));
    await settle();
  });
  afterAll(() => warn.mockRestore());

  it("refuses a REGIONAL web ACL, naming the argument, the value and the fix", async () => {
    const regional = new WebFirewall("regional", {});
    await settle();
    const error = await refused(() => regional.originRequestGate("web-alb", gateArgs()));
    expect(error.problems).toEqual([expect.objectContaining({ argument: "scope", value: "REGIONAL" })]);
    expect(error.message).toContain("WebFirewall regional: originRequestGate: 1 invalid argument");
    expect(error.message).toContain('fix: create the WebFirewall with scope "CLOUDFRONT"');
    expect(error.message).toContain("or drop originRequestGate");
  });

  it("refuses a plain-string secret, by its length only, and says to read it with config.requireSecret", async () => {
    const error = await refused(() => waf.originRequestGate("web", gateArgs({ secret: PLAIN_SECRET })));
    expect(error.problems).toEqual([
      expect.objectContaining({ argument: "secret", value: `(secret: ${PLAIN_SECRET.length} characters)` }),
    ]);
    expect(error.message).toContain('fix: read it with config.requireSecret("originVerifySecret")');
    expect(error.message).toContain("stored in clear in the state");
  });

  it.each<[string, unknown, unknown]>([
    ["missing", undefined, undefined],
    ["a number", 12345678901234567890, "(secret: a number)"],
    ["null", null, "(secret: null)"],
    ["a short plain string", "short", "(secret: 5 characters)"],
  ])("refuses a secret that is %s, without its value", async (_label, secret, shown) => {
    const error = await refused(() => waf.originRequestGate("web", gateArgs({ secret })));
    expect(error.problems).toEqual([expect.objectContaining({ argument: "secret", value: shown })]);
    expect(error.message).not.toContain("12345678");
    expect(error.message).not.toContain('"short"');
  });

  it.each<[string, unknown]>([
    ["empty", ""],
    ["holding a space", "X Origin Verify"],
    ["ending in a colon", "X-Origin-Verify:"],
    ["a wildcard", "X-Origin-*"],
    ["41 characters", `X-${"a".repeat(39)}`],
    ["not a string", 42],
    ["non-ASCII", "X-Origín"],
    ["Host (the ALB takes no header rule on it either)", "Host"],
    ["host in lower case", "host"],
    ["Via", "Via"],
    ["Cookie", "Cookie"],
    ["X-Real-IP in other case", "X-Real-IP"],
    ["Transfer-Encoding", "Transfer-Encoding"],
    ["an X-Amz- header", "X-Amz-Security-Token"],
    ["CloudFront's request id", "x-amz-cf-id"],
    ["an X-Edge- header", "X-Edge-Origin-Shield-Skipped"],
    ["X-Forwarded-For", "X-Forwarded-For"],
    ["X-Forwarded-Proto", "x-forwarded-proto"],
    ["a CloudFront viewer header", "CloudFront-Viewer-Country"],
    ["the ALB's trace header", "X-Amzn-Trace-Id"],
  ])("refuses a header name that is %s", async (_label, headerName) => {
    const error = await refused(() => waf.originRequestGate("web", gateArgs({ headerName })));
    expect(argumentsOf(error)).toEqual(["headerName"]);
    expect(error.problems[0].value).toBe(headerName);
  });

  it("says why a reserved header cannot carry the secret", async () => {
    const refusedByCloudFront = await refused(() => waf.originRequestGate("web", gateArgs({ headerName: "Via" })));
    expect(refusedByCloudFront.message).toContain('not "Via": CloudFront refuses to add it to origin requests');
    const writtenByAws = await refused(() =>
      waf.originRequestGate("web", gateArgs({ headerName: "X-Forwarded-Host" })),
    );
    expect(writtenByAws.message).toContain("CloudFront or the ALB write it themselves");
    expect(writtenByAws.message).toContain('fix: omit headerName for "X-Origin-Verify"');
  });

  it.each<[string]>([["X-Origin-Token"], ["x-cdn-verify"], ["Hostname"], ["X-Amzing"], ["X-Edge"], ["Via-Gate"]])(
    "accepts the header name %s (near a reserved one, not one)",
    (name) => {
      expect(reservedHeaderReason(name)).toBeUndefined();
    },
  );

  it("accepts a 40-character header name and priority 50000", async () => {
    const name = `X-${"a".repeat(38)}`;
    // Each accepted gate here on a listener of its own: a second gate on one listener warns.
    const made = waf.originRequestGate(
      "long-name",
      gateArgs({ headerName: name, priority: 50000, listenerArn: listenerNumber(1) }),
    );
    await settle();
    expect(made.customHeader.name).toBe(name);
    expect(gateRule("long-name")).toHaveLength(1);
  });

  it.each<[string, unknown]>([
    ["zero", 0],
    ["above 50000", 50001],
    ["negative", -1],
    ["a fraction", 1.5],
    ["a string", "1"],
    ["NaN", NaN],
    ["an Output", pulumi.output(1)],
  ])("refuses a priority that is %s", async (_label, priority) => {
    const error = await refused(() => waf.originRequestGate("web", gateArgs({ priority })));
    expect(argumentsOf(error)).toEqual(["priority"]);
  });

  it.each<[string, string, unknown]>([
    [
      "the load balancer's ARN",
      "listenerArn",
      LISTENER.replace(/listener\/(app\/web\/[0-9a-f]+)\/[0-9a-f]+$/, "loadbalancer/$1"),
    ],
    ["a Network Load Balancer listener", "listenerArn", LISTENER.replace("listener/app/", "listener/net/")],
    [
      "a listener rule's ARN",
      "listenerArn",
      LISTENER.replace("listener/app/", "listener-rule/app/") + "/9683b2d02a6cabee",
    ],
    ["the target group's ARN", "listenerArn", TARGET_GROUP],
    ["padded", "listenerArn", ` ${LISTENER}`],
    ["empty", "listenerArn", ""],
    ["missing", "listenerArn", undefined],
    ["a target group name", "targetGroupArn", "web"],
    ["the listener's ARN", "targetGroupArn", LISTENER],
    ["missing", "targetGroupArn", undefined],
  ])("refuses an ARN that is %s", async (_label, argument, value) => {
    const error = await refused(() => waf.originRequestGate("web", gateArgs({ [argument]: value })));
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([[argument, value]]);
  });

  it("refuses a target group in another region than the listener", async () => {
    const other = TARGET_GROUP.replace("us-east-1", "eu-west-1");
    const error = await refused(() => waf.originRequestGate("web", gateArgs({ targetGroupArn: other })));
    expect(error.problems).toEqual([expect.objectContaining({ argument: "targetGroupArn", value: other })]);
    expect(error.message).toContain("a target group of the listener's partition, region and account (aws, us-east-1, ");
  });

  it.each<[string, unknown]>([
    ["empty", ""],
    ["upper case", "Web"],
    ["ending with '-'", "web-"],
    ["already used by a gate", "taken"],
  ])("refuses a label that is %s", async (_label, label) => {
    const error = await refused(() => waf.originRequestGate(label as string, gateArgs()));
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["label", label]]);
  });

  it("refuses a provider that is not an aws.Provider, an unknown option, and arguments that are no object", async () => {
    const group = new aws.ec2.SecurityGroup("not-a-provider", {});
    await settle();
    const wrong = await refused(() => waf.originRequestGate("web", gateArgs({ provider: group })));
    expect(wrong.problems).toEqual([
      expect.objectContaining({ argument: "provider", value: "(a resource that is not an aws.Provider)" }),
    ]);
    const typo = await refused(() => waf.originRequestGate("web", gateArgs({ priorty: 2 })));
    expect(argumentsOf(typo)).toEqual(["priorty"]);
    expect(typo.message).toContain("did you mean priority?");
    const invented = await refused(() => waf.originRequestGate("web", gateArgs({ allowWithoutHeader: true })));
    expect(invented.message).toContain("remove allowWithoutHeader; the component does not read it");
    const none = await refused(() => waf.originRequestGate("web", null as never));
    expect(argumentsOf(none)).toEqual(["args"]);
  });

  it("reports every problem at once, the secret by its length", async () => {
    const regional = new WebFirewall("regional-2", {});
    await settle();
    const error = await refused(() =>
      regional.originRequestGate(
        "Bad Label",
        gateArgs({
          listenerArn: "web",
          secret: PLAIN_SECRET,
          headerName: "X-Forwarded-For",
          priority: 0,
          extra: 1,
        }),
      ),
    );
    expect(argumentsOf(error)).toEqual(["scope", "label", "extra", "listenerArn", "secret", "headerName", "priority"]);
    expect(error.message).toContain(`(secret: ${PLAIN_SECRET.length} characters)`);
  });

  it("still makes a gate on the same component after refusals, with the label a refused call asked for", async () => {
    const made = waf.originRequestGate("web", gateArgs({ listenerArn: listenerNumber(2) }));
    await settle();
    expect(gateRule("web")).toHaveLength(1);
    expect(made.rule).toBeInstanceOf(aws.lb.ListenerRule);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("WebFirewall.originRequestGate: one priority per listener", () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    reset();
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterEach(() => warn.mockRestore());
  const warnings = () => warn.mock.calls.map((c) => String(c[0]));

  it("refuses a second gate at a plain listener's taken priority, naming it, and makes nothing for it", async () => {
    const waf = cloudFrontFirewall("prio");
    waf.originRequestGate("first", gateArgs());
    await settle();
    const before = recorded.length;
    // The default priority is 1, the same as the first gate's given one.
    const error = validationErrorOf(() => waf.originRequestGate("second", gateArgs({ headerName: "X-Other" })));
    await settle();
    expect(recorded).toHaveLength(before);
    expect(gateRule("second")).toEqual([]);
    expect(error.problems).toEqual([
      expect.objectContaining({
        argument: "priority",
        value: 1,
        allowed: `a priority not used by an earlier originRequestGate call on listener ${LISTENER}`,
        fix: "give each gate on a listener its own priority",
      }),
    ]);
    expect(error.message).not.toContain(SECRET);
    // An explicit priority equal to the taken default is the same clash.
    const explicit = validationErrorOf(() => waf.originRequestGate("third", gateArgs({ priority: 1 })));
    expect(explicit.problems.map((p) => [p.argument, p.value])).toEqual([["priority", 1]]);
    expect(warnings()).toEqual([]);
  });

  it("reports the clash with every other problem of the call, and a refused call keeps its label free", async () => {
    const waf = cloudFrontFirewall("prio-all");
    waf.originRequestGate("first", gateArgs({ priority: 7 }));
    await settle();
    const error = validationErrorOf(() =>
      waf.originRequestGate("second", gateArgs({ priority: 7, headerName: "Host" })),
    );
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([
      ["headerName", "Host"],
      ["priority", 7],
    ]);
    waf.originRequestGate("second", gateArgs({ priority: 8 }));
    await settle();
    expect(gateRule("second")).toHaveLength(1);
  });

  it("accepts another priority on the same listener, warning once with both labels", async () => {
    const waf = cloudFrontFirewall("rotate");
    waf.originRequestGate("old", gateArgs());
    waf.originRequestGate("new", gateArgs({ priority: 2, headerName: "X-Origin-Verify-2" }));
    await settle();
    expect(gateRule("old").map((r) => r.inputs.priority)).toEqual([1]);
    expect(gateRule("new").map((r) => r.inputs.priority)).toEqual([2]);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('WebFirewall rotate: originRequestGate("new"): listener ' + LISTENER);
    expect(warnings()[0]).toContain('"old", "new"');
    expect(warnings()[0]).toContain("only while rotating the secret");
    expect(warnings()[0]).not.toContain(SECRET);
    expect(warn.mock.calls[0][1]).toBe(waf);
  });

  it("accepts the same priority on different listeners, without a warning", async () => {
    const waf = cloudFrontFirewall("two-listeners");
    waf.originRequestGate("a", gateArgs());
    waf.originRequestGate("b", gateArgs({ listenerArn: listenerNumber(1) }));
    waf.originRequestGate(
      "c",
      gateArgs({
        listenerArn: LISTENER.replace("us-east-1", "eu-west-1"),
        targetGroupArn: TARGET_GROUP.replace("us-east-1", "eu-west-1"),
        provider: new aws.Provider("two-listeners-eu-west-1", { region: "eu-west-1" }),
      }),
    );
    await settle();
    for (const label of ["a", "b", "c"]) expect(gateRule(label).map((r) => r.inputs.priority)).toEqual([1]);
    expect(warnings()).toEqual([]);
  });

  it("accepts gates of two WebFirewalls at one listener and priority: each knows only its own gates", async () => {
    cloudFrontFirewall("one").originRequestGate("web", gateArgs());
    cloudFrontFirewall("two").originRequestGate("web", gateArgs());
    await settle();
    expect(ofType(RULE)).toHaveLength(2);
  });

  it("does not guess about listener ARNs that are Outputs, even of the same plain value", async () => {
    const waf = cloudFrontFirewall("outputs");
    waf.originRequestGate("plain", gateArgs());
    waf.originRequestGate("out-1", gateArgs({ listenerArn: pulumi.output(LISTENER) }));
    waf.originRequestGate("out-2", gateArgs({ listenerArn: pulumi.output(LISTENER) }));
    waf.originRequestGate("unknown", gateArgs({ listenerArn: unknownSecret() }));
    await settle();
    for (const label of ["plain", "out-1", "out-2", "unknown"]) expect(gateRule(label)).toHaveLength(1);
    expect(warnings()).toEqual([]);
  });

  it("reserves nothing for a refused call, even a refused first one", async () => {
    const waf = cloudFrontFirewall("refused-first");
    // Refused for its header name: its listener and priority stay free.
    validationErrorOf(() => waf.originRequestGate("bad", gateArgs({ headerName: "Via" })));
    waf.originRequestGate("good", gateArgs());
    await settle();
    expect(gateRule("good")).toHaveLength(1);
    expect(warnings()).toEqual([]);
  });
});
