// The fuzzer is only as good as its verdicts: check it tells a crash, a fail-open and a report apart on policies
// made for the purpose, through the same handler path the pack runs.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { PolicyFuzzer } from "./fuzz-runner";
import { UNKNOWN_SENTINELS } from "./hostile-values";

const TYPE = "aws:ec2/securityGroup:SecurityGroup";

const crashes: ResourceValidationPolicy = {
  name: "test-crashes-on-missing-ingress",
  description: "Reads ingress without checking it exists.",
  validateResource: (args) => {
    if ((args.props.ingress as unknown[]).length > 0) throw new Error("unreachable in this test");
  },
};

const readsUnknown: ResourceValidationPolicy = {
  name: "test-reads-vpc",
  description: "Reads vpcId, which the proxy refuses when unknown.",
  validateResource: (args, report) => {
    if (String(args.props.vpcId).length === 0) report("empty vpc");
  },
};

const reports: ResourceValidationPolicy = {
  name: "test-reports-everything",
  description: "Reports every resource.",
  validateResource: (_args, report) => report("seen"),
};

const stackCrashes: StackValidationPolicy = {
  name: "test-stack-needs-a-parent",
  description: "Dereferences every resource's parent.",
  validateStack: (args) => {
    for (const r of args.resources) if (r.parent!.urn === "") throw new Error("unreachable");
  },
};

describe("fuzz harness verdicts", () => {
  const fuzzer = new PolicyFuzzer([crashes, readsUnknown, reports, stackCrashes]);

  it("counts a thrown TypeError as a crash of the policy that threw", async () => {
    const outcome = await fuzzer.analyze({ type: TYPE, props: { vpcId: "vpc-1" } });
    expect(outcome.crashes.map((c) => c.policy)).toEqual([crashes.name]);
    expect(outcome.crashes[0].error).toMatch(/TypeError/);
  });

  it("counts a mandatory policy that read an unknown as failed open, not as a crash", async () => {
    const outcome = await fuzzer.analyze({ type: TYPE, props: { ingress: [], vpcId: UNKNOWN_SENTINELS[2] } });
    expect(outcome.crashes).toEqual([]);
    expect(outcome.failedOpen).toEqual([readsUnknown.name]);
  });

  it("sees unknowns at depth through the SDK's proxy", async () => {
    const deep = { ingress: [{ cidrBlocks: [UNKNOWN_SENTINELS[2]] }], vpcId: "vpc-1" };
    const policy: ResourceValidationPolicy = {
      name: "test-reads-deep",
      description: "Reads the first CIDR of the first rule.",
      validateResource: (args) => void (args.props.ingress[0].cidrBlocks[0] as string).length,
    };
    expect((await new PolicyFuzzer([policy]).analyze({ type: TYPE, props: deep })).failedOpen).toEqual([policy.name]);
  });

  it("passes a policy that reports instead of throwing", async () => {
    const outcome = await new PolicyFuzzer([reports]).analyze({ type: TYPE, props: { anything: null } });
    expect(outcome).toMatchObject({ crashes: [], failedOpen: [], slowest: { policy: reports.name } });
  });

  it("runs stack policies on linked resources and catches their crashes", async () => {
    const urn = "urn:pulumi:bench::hardening-kit::aws:ec2/vpc:Vpc::v";
    const child = {
      type: TYPE,
      name: "sg",
      urn: `urn:pulumi:bench::hardening-kit::${TYPE}::sg`,
      props: {},
      parent: urn,
    };
    const orphan = { type: "aws:ec2/vpc:Vpc", name: "v", urn, props: {} };
    const outcome = await fuzzer.analyzeStack([orphan, child]);
    expect(outcome.crashes.map((c) => c.policy)).toEqual([stackCrashes.name]);
  });
});
