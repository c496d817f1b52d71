// The monitor's own gRPC server answers @grpc/grpc-js clients (the SDK's) as grpc-js's server would: responses,
// errors with their code and message (non-ASCII included), unknown methods as UNIMPLEMENTED, malformed and oversized
// requests as errors rather than crashes.
import { connect } from "http2";
import { emptypb, enginePb, engineGrpc, grpc } from "../../engine/grpc";
import { LocalListener } from "../../engine/local-listener";
import { UnaryServer, type UnaryHandler } from "../../engine/unary-server";

/** A test service with the engine service's wire types: Log takes a LogRequest, GetRootResource returns a urn. */
const SERVICE = engineGrpc.EngineService;

async function serve(handlers: Record<string, UnaryHandler>, maxMessageBytes = 1024 * 1024) {
  const server = new UnaryServer(maxMessageBytes);
  server.addService(SERVICE, handlers);
  const listener = await LocalListener.open();
  listener.handTo((socket) => server.injectConnection(socket));
  const client = new engineGrpc.EngineClient(listener.address, grpc.credentials.createInsecure());
  const call = <T>(method: string, request: unknown) =>
    new Promise<T>((resolve, reject) =>
      client[method](request, (err: unknown, value: T) => (err ? reject(err) : resolve(value))),
    );
  const close = () => {
    client.close();
    server.forceShutdown();
    listener.close();
  };
  return { call, close, address: listener.address };
}

describe("UnaryServer", () => {
  it("answers a call with the handler's response, decoded by the client", async () => {
    const s = await serve({
      getRootResource: (_c, cb) => cb(null, new enginePb.GetRootResourceResponse().setUrn("urn:pulumi:s::p::x::y")),
      log: (_c, cb) => cb(null, new emptypb.Empty()),
    });
    try {
      const root = await s.call<any>("getRootResource", new enginePb.GetRootResourceRequest());
      expect(root.getUrn()).toBe("urn:pulumi:s::p::x::y");
      const logged = await s.call<any>("log", new enginePb.LogRequest().setMessage("hello"));
      expect(logged).toBeInstanceOf(emptypb.Empty);
    } finally {
      s.close();
    }
  });

  it("hands the handler the decoded request", async () => {
    const seen: string[] = [];
    const s = await serve({
      log: (c, cb) => {
        seen.push(c.request.getMessage());
        cb(null, new emptypb.Empty());
      },
    });
    try {
      await Promise.all(
        ["a", "ü – 日本", "x".repeat(100_000)].map((m) => s.call("log", new enginePb.LogRequest().setMessage(m))),
      );
      expect(seen.sort()).toEqual(["a", "x".repeat(100_000), "ü – 日本"].sort());
    } finally {
      s.close();
    }
  });

  it("returns a handler's error with its code and message, non-ASCII and percent signs intact", async () => {
    const message = "resource ü 100% failed: 日本\nsecond line";
    const s = await serve({ log: (_c, cb) => cb({ code: grpc.status.FAILED_PRECONDITION, details: message }) });
    try {
      await expect(s.call("log", new enginePb.LogRequest())).rejects.toMatchObject({
        code: grpc.status.FAILED_PRECONDITION,
        details: message,
      });
    } finally {
      s.close();
    }
  });

  it("answers a method it does not serve with UNIMPLEMENTED", async () => {
    const s = await serve({ log: (_c, cb) => cb(null, new emptypb.Empty()) });
    try {
      await expect(s.call("getRootResource", new enginePb.GetRootResourceRequest())).rejects.toMatchObject({
        code: grpc.status.UNIMPLEMENTED,
      });
    } finally {
      s.close();
    }
  });

  it("refuses a request larger than its limit, and keeps serving", async () => {
    const s = await serve({ log: (_c, cb) => cb(null, new emptypb.Empty()) }, 1024);
    try {
      await expect(s.call("log", new enginePb.LogRequest().setMessage("x".repeat(4096)))).rejects.toMatchObject({
        code: grpc.status.RESOURCE_EXHAUSTED,
      });
      await expect(s.call("log", new enginePb.LogRequest().setMessage("small"))).resolves.toBeInstanceOf(emptypb.Empty);
    } finally {
      s.close();
    }
  });

  it("answers a malformed frame with INTERNAL instead of failing", async () => {
    const s = await serve({ log: (_c, cb) => cb(null, new emptypb.Empty()) });
    const socketPath = s.address.replace(/^unix:/, "");
    const session = connect("http://localhost", { path: socketPath } as never);
    try {
      const trailers = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const req = session.request({
          ":method": "POST",
          ":path": "/pulumirpc.Engine/Log",
          "content-type": "application/grpc",
        });
        let headers: Record<string, unknown> = {};
        req.on("response", (h) => (headers = h));
        req.on("trailers", (t) => (headers = { ...headers, ...t }));
        req.on("end", () => resolve(headers));
        req.on("error", reject);
        req.resume();
        // Compressed flag set, with a length that does not match.
        req.end(Buffer.from([1, 0, 0, 0, 9, 1, 2]));
      });
      expect(trailers["grpc-status"]).toBe(String(grpc.status.INTERNAL));
      await expect(s.call("log", new enginePb.LogRequest())).resolves.toBeInstanceOf(emptypb.Empty);
    } finally {
      session.close();
      s.close();
    }
  });

  it("serves only unary methods", () => {
    const streaming = { watch: { ...SERVICE.log, path: "/x.Y/Watch", responseStream: true } };
    expect(() => new UnaryServer(1024).addService(streaming as never, {})).toThrow(/only unary methods/);
  });
});
