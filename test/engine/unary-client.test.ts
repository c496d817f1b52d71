// The engine's own gRPC client reaches a grpc-js server (the one @pulumi/policy serves a pack with) as grpc-js's client
// would: answers, many calls at once, big messages, errors with their code and message; and a server that answers
// wrongly, vanishes or was never there gives an error with a reason, never a hang.
import * as http2 from "http2";
import type { AddressInfo } from "net";
import type { handleUnaryCall } from "@grpc/grpc-js";
import {
  analyzerGrpc,
  analyzerPb,
  bindLocal,
  channelOptions,
  emptypb,
  enginePb,
  engineGrpc,
  grpc,
} from "../../engine/grpc";
import { UnaryClient, UnaryCallError } from "../../engine/unary-client";

/** A service with the engine service's wire types: Log takes a LogRequest, GetRootResource returns a urn. */
const SERVICE = engineGrpc.EngineService;
const LOG = SERVICE.log;
const ROOT = SERVICE.getRootResource;
const MB = 1024 * 1024;

async function grpcServer(handlers: Record<string, handleUnaryCall<any, any>>, service = SERVICE) {
  // Message limits as @pulumi/policy sets them for its server (grpc-js's default receive limit is 4 MB).
  const server = new grpc.Server(channelOptions);
  server.addService(service, handlers);
  const address = await bindLocal(server);
  return { address, close: () => server.forceShutdown() };
}

/** A plain HTTP/2 server answering every call with `answer`: for responses grpc-js would never send. */
async function rawServer(answer: (stream: http2.ServerHttp2Stream) => void) {
  const server = http2.createServer();
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (s) => {
    sessions.add(s);
    s.on("error", () => undefined);
  });
  server.on("stream", (stream) => {
    stream.on("error", () => undefined);
    stream.resume();
    stream.on("end", () => answer(stream));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    address,
    close: () => {
      for (const s of sessions) s.destroy();
      server.close();
    },
  };
}

const logRequest = (message: string) => new enginePb.LogRequest().setMessage(message);
const rootUrn = (urn: string) => new enginePb.GetRootResourceResponse().setUrn(urn);

/** One uncompressed message frame, as a server sends it. */
function frame(payload: Uint8Array, flag = 0, length = payload.length): Buffer {
  const head = Buffer.alloc(5);
  head[0] = flag;
  head.writeUInt32BE(length, 1);
  return Buffer.concat([head, Buffer.from(payload)]);
}

describe("UnaryClient", () => {
  it("sends the request and decodes the server's response", async () => {
    const seen: string[] = [];
    const s = await grpcServer({
      log: (call, cb) => {
        seen.push(call.request.getMessage());
        cb(null, new emptypb.Empty());
      },
      getRootResource: (_call, cb) => cb(null, rootUrn("urn:pulumi:s::p::pulumi:pulumi:Stack::p-s")),
    });
    const client = new UnaryClient(s.address, MB);
    try {
      expect(await client.call(LOG, logRequest("ü – 日本"))).toBeInstanceOf(emptypb.Empty);
      expect(seen).toEqual(["ü – 日本"]);
      const root: any = await client.call(ROOT, new enginePb.GetRootResourceRequest());
      expect(root.getUrn()).toBe("urn:pulumi:s::p::pulumi:pulumi:Stack::p-s");
    } finally {
      client.close();
      s.close();
    }
  });

  it("gives each of 200 calls in flight its own answer", async () => {
    // Analyze echoes the request's URN in a diagnostic, answering in a shuffled order.
    const s = await grpcServer(
      {
        analyze: (call, cb) => {
          const urn = call.request.getUrn();
          const response = new analyzerPb.AnalyzeResponse().setDiagnosticsList([
            new analyzerPb.AnalyzeDiagnostic().setUrn(urn),
          ]);
          setTimeout(() => cb(null, response), Number(urn) % 7);
        },
      },
      analyzerGrpc.AnalyzerService,
    );
    const client = new UnaryClient(s.address, MB);
    try {
      const urns = Array.from({ length: 200 }, (_, i) => String(i));
      const answers = await Promise.all(
        urns.map((urn) =>
          client.call(analyzerGrpc.AnalyzerService.analyze, new analyzerPb.AnalyzeRequest().setUrn(urn)),
        ),
      );
      expect(answers.map((a: any) => a.getDiagnosticsList()[0].getUrn())).toEqual(urns);
    } finally {
      client.close();
      s.close();
    }
  });

  it("carries messages of several megabytes each way", async () => {
    const big = "x".repeat(6 * MB);
    const s = await grpcServer({
      log: (call, cb) =>
        call.request.getMessage() === big ? cb(null, new emptypb.Empty()) : cb({ code: 3, details: "not whole" }),
    });
    const client = new UnaryClient(s.address, 16 * MB);
    try {
      await expect(client.call(LOG, logRequest(big))).resolves.toBeInstanceOf(emptypb.Empty);
    } finally {
      client.close();
      s.close();
    }
  });

  it("receives a response of several megabytes whole", async () => {
    const big = "u".repeat(7 * MB);
    const s = await grpcServer({ getRootResource: (_call, cb) => cb(null, rootUrn(big)) });
    const client = new UnaryClient(s.address, 16 * MB);
    try {
      const root: any = await client.call(ROOT, new enginePb.GetRootResourceRequest());
      expect(root.getUrn()).toBe(big);
    } finally {
      client.close();
      s.close();
    }
  });

  it("rejects with the server's code and message, non-ASCII and percent signs intact", async () => {
    const details = "policy ü 100% failed: 日本\nsecond line";
    const s = await grpcServer({ log: (_call, cb) => cb({ code: grpc.status.FAILED_PRECONDITION, details }) });
    const client = new UnaryClient(s.address, MB);
    try {
      const error = (await client.call(LOG, logRequest("a")).catch((e) => e)) as UnaryCallError;
      expect(error).toBeInstanceOf(UnaryCallError);
      expect(error).toMatchObject({ code: grpc.status.FAILED_PRECONDITION, details });
      expect(error.message).toBe(`9 FAILED_PRECONDITION: ${details}`);
    } finally {
      client.close();
      s.close();
    }
  });

  it("rejects a method the server does not serve with UNIMPLEMENTED (as an older pack answers Handshake)", async () => {
    const s = await grpcServer({ log: (_call, cb) => cb(null, new emptypb.Empty()) });
    const client = new UnaryClient(s.address, MB);
    try {
      await expect(client.call(ROOT, new enginePb.GetRootResourceRequest())).rejects.toMatchObject({
        code: grpc.status.UNIMPLEMENTED,
      });
      // The connection still serves the next call.
      await expect(client.call(LOG, logRequest("after"))).resolves.toBeInstanceOf(emptypb.Empty);
    } finally {
      client.close();
      s.close();
    }
  });

  it("refuses a response over its size limit and still serves the next call", async () => {
    const s = await grpcServer({
      getRootResource: (_call, cb) => cb(null, rootUrn("y".repeat(2 * MB))),
      log: (_call, cb) => cb(null, new emptypb.Empty()),
    });
    const client = new UnaryClient(s.address, MB);
    try {
      await expect(client.call(ROOT, new enginePb.GetRootResourceRequest())).rejects.toMatchObject({
        code: grpc.status.RESOURCE_EXHAUSTED,
        details: `response larger than ${MB} bytes`,
      });
      await expect(client.call(LOG, logRequest("after"))).resolves.toBeInstanceOf(emptypb.Empty);
    } finally {
      client.close();
      s.close();
    }
  });

  it.each([
    ["a compressed message", (s: http2.ServerHttp2Stream) => ok(s, frame(Buffer.alloc(3), 1))],
    ["a length that does not match the body", (s: http2.ServerHttp2Stream) => ok(s, frame(Buffer.alloc(3), 0, 9))],
    ["no message at all", (s: http2.ServerHttp2Stream) => ok(s, Buffer.alloc(0))],
    [
      "two messages",
      (s: http2.ServerHttp2Stream) => ok(s, Buffer.concat([frame(Buffer.alloc(0)), frame(Buffer.alloc(0))])),
    ],
  ])("rejects %s in a successful response as INTERNAL", async (_what, answer) => {
    const s = await rawServer(answer);
    const client = new UnaryClient(s.address, MB);
    try {
      await expect(client.call(LOG, logRequest("a"))).rejects.toMatchObject({
        code: grpc.status.INTERNAL,
        details: "expected one uncompressed length-prefixed message in the response",
      });
    } finally {
      client.close();
      s.close();
    }
  });

  it("rejects a message that does not decode as INTERNAL, naming the decoding", async () => {
    const s = await rawServer((stream) => ok(stream, frame(Buffer.from([0xff, 0xff, 0xff]))));
    const client = new UnaryClient(s.address, MB);
    try {
      await expect(client.call(ROOT, new enginePb.GetRootResourceRequest())).rejects.toMatchObject({
        code: grpc.status.INTERNAL,
        details: expect.stringMatching(/^response does not decode: /),
      });
    } finally {
      client.close();
      s.close();
    }
  });

  it.each([
    [404, grpc.status.UNIMPLEMENTED],
    [503, grpc.status.UNAVAILABLE],
    [500, grpc.status.UNKNOWN],
  ])("maps an HTTP %i without a gRPC status to code %i", async (http, code) => {
    const s = await rawServer((stream) => stream.respond({ ":status": http }, { endStream: true }));
    const client = new UnaryClient(s.address, MB);
    try {
      await expect(client.call(LOG, logRequest("a"))).rejects.toMatchObject({
        code,
        details: `the server answered HTTP ${http}`,
      });
    } finally {
      client.close();
      s.close();
    }
  });

  it("reads a status sent alone in the response headers (Trailers-Only)", async () => {
    const s = await rawServer((stream) =>
      stream.respond(
        { ":status": 200, "content-type": "application/grpc", "grpc-status": "5", "grpc-message": "gone%20away" },
        { endStream: true },
      ),
    );
    const client = new UnaryClient(s.address, MB);
    try {
      await expect(client.call(LOG, logRequest("a"))).rejects.toMatchObject({ code: 5, details: "gone away" });
    } finally {
      client.close();
      s.close();
    }
  });

  it("rejects a call whose connection is cut before the answer, then connects again for the next", async () => {
    let calls = 0;
    const s = await rawServer((stream) => {
      if (++calls === 1) return stream.session?.destroy();
      ok(stream, frame(new emptypb.Empty().serializeBinary()));
    });
    const client = new UnaryClient(s.address, MB);
    try {
      await expect(client.call(LOG, logRequest("a"))).rejects.toMatchObject({
        code: grpc.status.UNAVAILABLE,
        details: expect.stringMatching(/^the connection ended before the call was answered/),
      });
      await expect(client.call(LOG, logRequest("b"))).resolves.toBeInstanceOf(emptypb.Empty);
      expect(calls).toBe(2);
    } finally {
      client.close();
      s.close();
    }
  });

  it("rejects a call to an address nobody listens on as UNAVAILABLE", async () => {
    const s = await rawServer(() => undefined);
    const address = s.address;
    s.close();
    const client = new UnaryClient(address, MB);
    try {
      await expect(client.call(LOG, logRequest("a"))).rejects.toMatchObject({
        code: grpc.status.UNAVAILABLE,
        details: expect.stringContaining("ECONNREFUSED"),
      });
    } finally {
      client.close();
    }
  });

  it("refuses calls once closed and lets a call in flight finish", async () => {
    let release!: () => void;
    const s = await grpcServer({
      log: (_call, cb) => {
        release = () => cb(null, new emptypb.Empty());
      },
    });
    const client = new UnaryClient(s.address, MB);
    try {
      const inFlight = client.call(LOG, logRequest("a"));
      await waitFor(() => release !== undefined);
      client.close();
      await expect(client.call(LOG, logRequest("b"))).rejects.toMatchObject({
        code: grpc.status.UNAVAILABLE,
        details: "the client was closed",
      });
      release();
      await expect(inFlight).resolves.toBeInstanceOf(emptypb.Empty);
    } finally {
      s.close();
    }
  });

  it("gives up past its deadline and cancels the call, though the server never answers", async () => {
    let cancelled = false;
    const s = await rawServer((stream) => {
      stream.on("close", () => (cancelled = stream.rstCode === http2.constants.NGHTTP2_CANCEL));
    });
    const client = new UnaryClient(s.address, MB);
    try {
      const t0 = Date.now();
      await expect(client.call(LOG, logRequest("a"), 300)).rejects.toMatchObject({
        code: grpc.status.DEADLINE_EXCEEDED,
        details: "no answer within 0.3 s",
      });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
      await waitFor(() => cancelled);
    } finally {
      client.close();
      s.close();
    }
  });

  it("answers a call inside its deadline as any other, and leaves no timer behind", async () => {
    const s = await rawServer((stream) => ok(stream, frame(new emptypb.Empty().serializeBinary())));
    const client = new UnaryClient(s.address, MB);
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = timers();
    try {
      await expect(client.call(LOG, logRequest("a"), 60_000)).resolves.toBeInstanceOf(emptypb.Empty);
      await expect(client.call(LOG, logRequest("b"))).resolves.toBeInstanceOf(emptypb.Empty);
      // The answered call's timer is gone: nothing but the connection holds the process.
      expect(timers()).toBe(before);
    } finally {
      client.close();
      s.close();
    }
  });

  it("holds the process open only while a call is in flight", async () => {
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap").length;
    let during = -1;
    const s = await grpcServer({
      log: (_call, cb) => {
        during = sockets();
        cb(null, new emptypb.Empty());
      },
    });
    const client = new UnaryClient(s.address, MB);
    try {
      await client.call(LOG, logRequest("a"));
      // The server's side of the connection is counted both times; the client's only during the call.
      expect(during - sockets()).toBe(1);
    } finally {
      client.close();
      s.close();
    }
  });
});

/** Answers 200 with `body` and status OK in trailers, as a grpc-js server does. */
function ok(stream: http2.ServerHttp2Stream, body: Buffer): void {
  stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
  stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
  stream.end(body);
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
