// Runs a list of policies through @pulumi/policy's own Analyze / AnalyzeStack handlers without a server: the same
// deserialisation, unknown-checking proxy, argument object and reportViolation the pack uses under the CLI.
import { PolicySdk, RpcHandler } from "./policy-sdk";

export interface Diagnostic {
  policyName: string;
  message: string;
  /** pulumirpc.EnforcementLevel: 0 advisory, 1 mandatory, 2 disabled, 3 remediate. */
  enforcementLevel: number;
}

export interface AnalyzeOutcome {
  diagnostics: Diagnostic[];
  notApplicable: string[];
}

/** The SDK's wording when a policy read an unknown value: the policy did not run and was downgraded to advisory. */
export const CANNOT_RUN_IN_PREVIEW = "can't run policy";

export class InProcessPack {
  private readonly analyzeFn: RpcHandler;
  private readonly analyzeStackFn: RpcHandler;

  constructor(
    readonly sdk: PolicySdk,
    readonly packName: string,
    policies: unknown[],
    enforcementLevel = "mandatory",
  ) {
    this.analyzeFn = sdk.makeAnalyzeRpcFun(packName, "0.0.1", enforcementLevel, policies);
    this.analyzeStackFn = sdk.makeAnalyzeStackRpcFun(packName, "0.0.1", enforcementLevel, policies);
  }

  /** Rejects exactly when the pack would fail the Analyze call (a policy threw something other than an unknown). */
  analyze(request: unknown): Promise<AnalyzeOutcome> {
    return call(this.analyzeFn, request);
  }

  analyzeStack(request: unknown): Promise<AnalyzeOutcome> {
    return call(this.analyzeStackFn, request);
  }
}

function call(fn: RpcHandler, request: unknown): Promise<AnalyzeOutcome> {
  return new Promise((resolve, reject) => {
    fn({ request }, (err, response) => (err ? reject(err) : resolve(outcomeOf(response))));
  });
}

function outcomeOf(response: any): AnalyzeOutcome {
  return {
    diagnostics: response.getDiagnosticsList().map((d: any) => ({
      policyName: d.getPolicyname(),
      message: d.getMessage(),
      enforcementLevel: d.getEnforcementlevel(),
    })),
    notApplicable: response.getNotApplicableList().map((n: any) => n.getPolicyName()),
  };
}
