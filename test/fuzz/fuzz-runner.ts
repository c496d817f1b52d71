// Drives hostile bags through each policy separately (so a crash names its policy) along @pulumi/policy's own
// handler path, and sorts outcomes: a crash fails the Analyze call; a fail-open is a mandatory policy that read an
// unknown and was downgraded to an advisory "can't run during preview".
import * as path from "path";
import { analyzeRequest, analyzeStackRequest } from "../../bench/synthetic/analyzer-requests";
import { CANNOT_RUN_IN_PREVIEW, InProcessPack } from "../../bench/synthetic/in-process-pack";
import { loadPolicySdk, PolicySdk } from "../../bench/synthetic/policy-sdk";
import { SyntheticResource, urnOf } from "../../bench/synthetic/resource";
import { FuzzBag } from "./resource-shapes";

export interface NamedPolicy {
  name: string;
  enforcementLevel?: string;
  validateResource?: unknown;
  validateStack?: unknown;
}

export interface Crash {
  policy: string;
  /** The first lines of the error the pack would return, stack included. */
  error: string;
}

export interface Outcome {
  crashes: Crash[];
  /** Mandatory policies that could not run because they read an unknown value. */
  failedOpen: string[];
  /** The policy that took longest on this input, to find super-linear work on huge or pathological values. */
  slowest: { policy: string; ms: number };
}

const PACK_LEVEL = "mandatory";

export class PolicyFuzzer {
  private readonly sdk: PolicySdk;
  private readonly packs: { policy: NamedPolicy; pack: InProcessPack }[];

  constructor(policies: readonly NamedPolicy[], sdk = loadPolicySdk(path.resolve(__dirname))) {
    this.sdk = sdk;
    this.packs = policies.map((policy) => ({ policy, pack: new InProcessPack(sdk, "fuzz", [policy], PACK_LEVEL) }));
  }

  async analyze(bag: FuzzBag, name = "fuzzed"): Promise<Outcome> {
    const resource: SyntheticResource = { type: bag.type, name, urn: urnOf(bag.type, name), props: bag.props };
    const request = analyzeRequest(this.sdk.messages, resource);
    return this.collect(
      (pack) => pack.analyze(request),
      (p) => p.validateResource !== undefined,
    );
  }

  async analyzeStack(resources: SyntheticResource[]): Promise<Outcome> {
    const request = analyzeStackRequest(this.sdk.messages, resources);
    return this.collect(
      (pack) => pack.analyzeStack(request),
      (p) => p.validateStack !== undefined,
    );
  }

  private async collect(
    run: (pack: InProcessPack) => Promise<{ diagnostics: { policyName: string; message: string }[] }>,
    applies: (p: NamedPolicy) => boolean,
  ): Promise<Outcome> {
    const outcome: Outcome = { crashes: [], failedOpen: [], slowest: { policy: "", ms: 0 } };
    for (const { policy, pack } of this.packs) {
      if (!applies(policy)) continue;
      const started = performance.now();
      try {
        const { diagnostics } = await run(pack);
        const mandatory = (policy.enforcementLevel ?? PACK_LEVEL) === "mandatory";
        if (mandatory && diagnostics.some((d) => d.message.startsWith(CANNOT_RUN_IN_PREVIEW))) {
          outcome.failedOpen.push(policy.name);
        }
      } catch (e) {
        outcome.crashes.push({ policy: policy.name, error: firstLines(String((e as Error)?.message ?? e), 6) });
      }
      const ms = performance.now() - started;
      if (ms > outcome.slowest.ms) outcome.slowest = { policy: policy.name, ms };
    }
    return outcome;
  }
}

function firstLines(text: string, n: number): string {
  return text.split("\n").slice(0, n).join("\n");
}
