// The pack decodes each resource's properties once, shared by its policies (which never write to them).
import * as path from "path";
import { deserializeModuleOf, deserializeOnce } from "../../policies/lib/convert-once";
import { analyzeRequest } from "../../bench/synthetic/analyzer-requests";
import { InProcessPack } from "../../bench/synthetic/in-process-pack";
import { loadPolicySdk } from "../../bench/synthetic/policy-sdk";
import { SECRET_SIG, SIG_KEY } from "../../lib/wire-values";

const repoRoot = path.join(__dirname, "../..");

it("patches the deserialize module @pulumi/policy decodes requests with", () => {
  const sdk = loadPolicySdk(repoRoot);
  expect(deserializeModuleOf(require.resolve("@pulumi/policy"))).toBe(sdk.deserialize);
});

describe("policies behind the SDK's Analyze handler with properties decoded once", () => {
  const sdk = loadPolicySdk(repoRoot);
  let decodings = 0;
  const decode = sdk.deserialize.deserializeProperties;
  // Counts what the SDK really decodes; installed before the memo so the memo wraps it.
  sdk.deserialize.deserializeProperties = (struct: unknown, proxySecrets: boolean) => {
    decodings++;
    return decode(struct, proxySecrets);
  };
  deserializeOnce(sdk.deserialize);
  beforeEach(() => (decodings = 0));

  const resource = {
    urn: "urn:pulumi:test::kit::aws:ec2/securityGroup:SecurityGroup::web",
    type: "aws:ec2/securityGroup:SecurityGroup",
    name: "web",
    props: { ingress: [{ fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }], tags: { team: "web" } },
  };
  const seen: unknown[] = [];
  // No __pulumiType: the SDK decodes the properties for each of these policies.
  const reader = (name: string) => ({
    name,
    description: "records what it was given",
    enforcementLevel: "mandatory",
    validateResource: (args: any, report: (m: string) => void) => {
      seen.push(JSON.parse(JSON.stringify(args.props)));
      if (args.props.ingress.some((r: any) => r.cidrBlocks.includes("0.0.0.0/0"))) report("open to the internet");
    },
  });
  const pack = new InProcessPack(sdk, "decode-once", [reader("a"), reader("b"), reader("c")]);

  const withSecret = {
    ...resource,
    props: { ...resource.props, tags: { [SIG_KEY]: SECRET_SIG, value: { team: "web" } } },
  };

  it("reads a resource's plain properties once, itself, for all its policies, each seeing them whole", async () => {
    seen.length = 0;
    const request = analyzeRequest(sdk.messages, resource as any);
    const reads = jest.spyOn(request.getProperties(), "getFieldsMap");
    const outcome = await pack.analyze(request);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(decodings).toBe(0);
    expect(seen).toEqual([resource.props, resource.props, resource.props]);
    expect(outcome.diagnostics.map((d) => d.policyName)).toEqual(["a", "b", "c"]);
  });

  it("has the SDK decode properties holding a secret, once for all its policies", async () => {
    seen.length = 0;
    const outcome = await pack.analyze(analyzeRequest(sdk.messages, withSecret as any));
    expect(decodings).toBe(1);
    expect(seen).toEqual([resource.props, resource.props, resource.props]);
    expect(outcome.diagnostics.map((d) => d.policyName)).toEqual(["a", "b", "c"]);
  });

  it("decodes every new request afresh", async () => {
    await pack.analyze(analyzeRequest(sdk.messages, withSecret as any));
    const changed = { ...withSecret, props: { ...withSecret.props, ingress: [] } };
    const outcome = await pack.analyze(analyzeRequest(sdk.messages, changed as any));
    expect(decodings).toBe(2);
    expect(outcome.diagnostics).toEqual([]);
    const plain = await pack.analyze(analyzeRequest(sdk.messages, { ...resource, props: { ingress: [] } } as any));
    expect(plain.diagnostics).toEqual([]);
  });

  it("gives every caller with proxied secrets (Remediate) props of its own, converting the message once", () => {
    const struct = analyzeRequest(sdk.messages, resource as any).getProperties();
    const convert = jest.spyOn(struct, "toJavaScript");
    const first = sdk.deserialize.deserializeProperties(struct, true) as any;
    const second = sdk.deserialize.deserializeProperties(struct, true) as any;
    expect(decodings).toBe(2);
    expect(convert).toHaveBeenCalledTimes(1);
    expect(second).not.toBe(first);
    expect(second.ingress).not.toBe(first.ingress);
    expect(JSON.parse(JSON.stringify(second))).toEqual(resource.props);
    first.ingress[0].fromPort = 2222;
    expect(second.ingress[0].fromPort).toBe(22);
  });

  it("hands anything that is not a message to the SDK as it is", () => {
    expect(() => sdk.deserialize.deserializeProperties(null, false)).toThrow();
    expect(decodings).toBe(1);
  });

  it("is idempotent: installing twice does not stack wrappers", () => {
    const wrapped = sdk.deserialize.deserializeProperties;
    deserializeOnce(sdk.deserialize);
    expect(sdk.deserialize.deserializeProperties).toBe(wrapped);
  });
});
