// The pack converts each resource's property Struct once; every policy must still get its own copy of the props.
import * as path from "path";
import { convertStructsOnce, structClassOf } from "../../policies/lib/convert-once";
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

  it("patches the Struct class @pulumi/policy decodes requests with", () => {
    const sdk = loadPolicySdk(repoRoot);
    expect(structClassOf(require.resolve("@pulumi/policy"))).toBe(sdk.messages.Struct);
  });
});

describe("policies behind the SDK's Analyze handler with conversion once", () => {
  const sdk = loadPolicySdk(repoRoot);
  convertStructsOnce(sdk.messages.Struct);
  const resource = {
    urn: "urn:pulumi:test::kit::aws:ec2/securityGroup:SecurityGroup::web",
    type: "aws:ec2/securityGroup:SecurityGroup",
    name: "web",
    props: { ingress: [{ fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }], tags: { team: "web" } },
  };

  it("gives every policy its own props: one policy's writes never reach the next", async () => {
    const seen: unknown[] = [];
    // No __pulumiType: the SDK converts the properties for each of these policies.
    const writer = {
      name: "writer",
      description: "mutates what it was given",
      enforcementLevel: "mandatory",
      validateResource: (args: any) => {
        args.props.tags.team = "changed";
        args.props.ingress.push({ fromPort: 0, toPort: 65535, cidrBlocks: ["::/0"] });
      },
    };
    const reader = {
      name: "reader",
      description: "records what it was given",
      enforcementLevel: "mandatory",
      validateResource: (args: any, report: (m: string) => void) => {
        seen.push(JSON.parse(JSON.stringify(args.props)));
        if (args.props.ingress.some((r: any) => r.cidrBlocks.includes("0.0.0.0/0"))) report("open to the internet");
      },
    };
    const pack = new InProcessPack(sdk, "convert-once", [writer, reader, reader]);
    const request = analyzeRequest(sdk.messages, resource as any);
    const first = await pack.analyze(request);
    const again = await pack.analyze(request);
    expect(seen).toEqual([resource.props, resource.props, resource.props, resource.props]);
    expect(first.diagnostics.map((d) => d.policyName)).toEqual(["reader", "reader"]);
    expect(again.diagnostics).toEqual(first.diagnostics);
  });
});
