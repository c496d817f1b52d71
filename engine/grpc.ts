// gRPC runtime and Pulumi protocol stubs, loaded from the SAME copy of @pulumi/pulumi that programs and packs use:
// the generated serializers check `instanceof` against their own google-protobuf classes.
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";

const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));

export const grpc: typeof import("@grpc/grpc-js") = pulumiRequire("@grpc/grpc-js");
/** google-protobuf itself: its binary reader and writer. */
export const jspb: any = pulumiRequire("google-protobuf");
export const structpb: any = pulumiRequire("google-protobuf/google/protobuf/struct_pb.js");
export const emptypb: any = pulumiRequire("google-protobuf/google/protobuf/empty_pb.js");
export const resourcePb: any = pulumiRequire("./proto/resource_pb.js");
export const providerPb: any = pulumiRequire("./proto/provider_pb.js");
export const resourceGrpc: any = pulumiRequire("./proto/resource_grpc_pb.js");
export const enginePb: any = pulumiRequire("./proto/engine_pb.js");
export const engineGrpc: any = pulumiRequire("./proto/engine_grpc_pb.js");
export const analyzerPb: any = pulumiRequire("./proto/analyzer_pb.js");
export const analyzerGrpc: any = pulumiRequire("./proto/analyzer_grpc_pb.js");
export const pluginPb: any = pulumiRequire("./proto/plugin_pb.js");
export const callbackPb: any = pulumiRequire("./proto/callback_pb.js");
export const callbackGrpc: any = pulumiRequire("./proto/callback_grpc_pb.js");

/** Large windows and messages: one preview sends thousands of calls over a single local connection. */
export const channelOptions = {
  "grpc.max_receive_message_length": 400 * 1024 * 1024,
  "grpc.max_send_message_length": 400 * 1024 * 1024,
  "grpc-node.flow_control_window": 16 * 1024 * 1024,
  // Per-call channelz bookkeeping serves debugging tools an offline preview never attaches.
  "grpc.enable_channelz": 0,
};

/** Starts a server on an ephemeral localhost port and returns its address. */
export function bindLocal(server: import("@grpc/grpc-js").Server): Promise<string> {
  return bind(server, "127.0.0.1:0", (port) => `127.0.0.1:${port}`);
}

/** Starts a server on a fresh unix socket (less per-call kernel work than TCP) and returns its address. */
export function bindUnixSocket(server: import("@grpc/grpc-js").Server): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-engine-"));
  const address = `unix:${path.join(dir, "monitor.sock")}`;
  return bind(server, address, () => address);
}

function bind(
  server: import("@grpc/grpc-js").Server,
  target: string,
  address: (port: number) => string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    server.bindAsync(target, grpc.ServerCredentials.createInsecure(), (err, port) => {
      if (err) reject(err);
      else resolve(address(port));
    });
  });
}

export { SECRET_SIG, SIG_KEY, UNKNOWN } from "../lib/wire-values";
