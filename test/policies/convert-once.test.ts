// The pack decodes each resource's properties once, shared by its policies (which never write to them).
import * as path from "path";
import {
  convertStructsOnce,
  deserializeModuleOf,
  deserializeOnce,
  structClassOf,
} from "../../policies/lib/convert-once";
import { analyzeRequest } from "../../bench/synthetic/analyzer-requests";
import { InProcessPack } from "../../bench/synthetic/in-process-pack";
import { loadPolicySdk } from "../../bench/synthetic/policy-sdk";

const repoRoot = path.join(__dirname, "../..");

describe("convertStructsOnce", () => {
  class FakeStruct {
    static calls = 0;
    constructor(readonly value: Record<string, unknown>) {}
    toJavaScript() {
      FakeStruct.calls++;
      return { ...this.value };
    }
  }

  beforeEach(() => (FakeStruct.calls = 0));

  it("converts each message at most once and hands back the same result", () => {
    convertStructsOnce(FakeStruct);
    const a = new FakeStruct({ port: 22 });
    const b = new FakeStruct({ port: 3389 });
    const first = a.toJavaScript();
    expect(a.toJavaScript()).toBe(first);
    expect(first).toEqual({ port: 22 });
    expect(b.toJavaScript()).toEqual({ port: 3389 });
    expect(FakeStruct.calls).toBe(2);
  });

  it("is idempotent: installing twice does not stack wrappers", () => {
    convertStructsOnce(FakeStruct);
    const wrapped = FakeStruct.prototype.toJavaScript;
    convertStructsOnce(FakeStruct);
    expect(FakeStruct.prototype.toJavaScript).toBe(wrapped);
  });

  it("patches the Struct class and the deserialize module @pulumi/policy decodes requests with", () => {
    const sdk = loadPolicySdk(repoRoot);
    expect(structClassOf(require.resolve("@pulumi/policy"))).toBe(sdk.messages.Struct);
    expect(deserializeModuleOf(require.resolve("@pulumi/policy"))).toBe(sdk.deserialize);
  });
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
  convertStructsOnce(sdk.messages.Struct);
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

  it("decodes a resource's properties once for all its policies, each seeing them whole", async () => {
    seen.length = 0;
    const outcome = await pack.analyze(analyzeRequest(sdk.messages, resource as any));
    expect(decodings).toBe(1);
    expect(seen).toEqual([resource.props, resource.props, resource.props]);
    expect(outcome.diagnostics.map((d) => d.policyName)).toEqual(["a", "b", "c"]);
  });

  it("decodes every new request afresh", async () => {
    await pack.analyze(analyzeRequest(sdk.messages, resource as any));
    const changed = { ...resource, props: { ...resource.props, ingress: [] } };
    const outcome = await pack.analyze(analyzeRequest(sdk.messages, changed as any));
    expect(decodings).toBe(2);
    expect(outcome.diagnostics).toEqual([]);
  });

  it("still decodes with proxied secrets (Remediate) for every call", () => {
    const struct = analyzeRequest(sdk.messages, resource as any).getProperties();
    const first = sdk.deserialize.deserializeProperties(struct, true);
    const second = sdk.deserialize.deserializeProperties(struct, true);
    expect(decodings).toBe(2);
    expect(second).not.toBe(first);
  });

  it("is idempotent: installing twice does not stack wrappers", () => {
    const wrapped = sdk.deserialize.deserializeProperties;
    deserializeOnce(sdk.deserialize);
    expect(sdk.deserialize.deserializeProperties).toBe(wrapped);
  });
});
