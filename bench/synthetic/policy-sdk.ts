// Loads one copy of @pulumi/policy together with the protobuf classes of the @pulumi/pulumi copy it uses, so requests
// are built from the same classes the handler reads (the pack and the peer each bring their own copies).
import * as path from "path";

export interface AnalyzerMessages {
  AnalyzeRequest: any;
  AnalyzeStackRequest: any;
  AnalyzerResource: any;
  AnalyzerResourceOptions: any;
  AnalyzerPropertyDependencies: any;
  Struct: any;
}

/** The handler factories @pulumi/policy's gRPC server registers; calling them in-process runs the pack's exact path. */
export interface PolicySdk {
  messages: AnalyzerMessages;
  makeAnalyzeRpcFun(packName: string, version: string, level: string, policies: unknown[]): RpcHandler;
  makeAnalyzeStackRpcFun(packName: string, version: string, level: string, policies: unknown[]): RpcHandler;
  /** `@pulumi/policy/proxy`'s UnknownValueError, to tell "can't run during preview" apart in tests. */
  UnknownValueError: new (...args: any[]) => Error;
  /** `@pulumi/policy/deserialize`, whose `deserializeProperties` the handlers call. */
  deserialize: { deserializeProperties(struct: unknown, proxySecrets: boolean): unknown };
}

export type RpcHandler = (call: { request: unknown }, callback: (err: unknown, response?: any) => void) => unknown;

/** `fromDir` is a directory whose node_modules resolution reaches the wanted @pulumi/policy (a pack dir, the repo). */
export function loadPolicySdk(fromDir: string): PolicySdk {
  const resolveFrom = (request: string, base: string): string => require.resolve(request, { paths: [base] });
  const serverPath = resolveFrom("@pulumi/policy/server", fromDir);
  const policyDir = path.dirname(serverPath);
  const analyzerPbPath = resolveFrom("@pulumi/pulumi/proto/analyzer_pb", policyDir);
  const analyzerPb = require(analyzerPbPath);
  const structPb = require(resolveFrom("google-protobuf/google/protobuf/struct_pb", path.dirname(analyzerPbPath)));
  const server = require(serverPath);
  const proxy = require(path.join(policyDir, "proxy"));
  return {
    messages: {
      AnalyzeRequest: analyzerPb.AnalyzeRequest,
      AnalyzeStackRequest: analyzerPb.AnalyzeStackRequest,
      AnalyzerResource: analyzerPb.AnalyzerResource,
      AnalyzerResourceOptions: analyzerPb.AnalyzerResourceOptions,
      AnalyzerPropertyDependencies: analyzerPb.AnalyzerPropertyDependencies,
      Struct: structPb.Struct,
    },
    makeAnalyzeRpcFun: server.makeAnalyzeRpcFun,
    makeAnalyzeStackRpcFun: server.makeAnalyzeStackRpcFun,
    UnknownValueError: proxy.UnknownValueError,
    deserialize: require(path.join(policyDir, "deserialize")),
  };
}
