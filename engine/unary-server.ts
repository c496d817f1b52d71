// The monitor's gRPC server: unary calls only (every method of the resource monitor and engine services is unary),
// served straight from node's HTTP/2 server. @grpc/grpc-js's server runs each call through interceptor, metadata,
// deadline, compression and stream-decoder layers the monitor needs none of; on a preview of 1,000 resources they were
// most of the monitor's time per registration, and the program waits on that time. The wire is gRPC's own
// (github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md): one length-prefixed message each way, status in trailers.
import * as http2 from "http2";
import type { Socket } from "net";
import type { ServiceDefinition } from "@grpc/grpc-js";
import { collectBody, encodeStatusMessage, frameMessage, STATUS, unframeMessage } from "./grpc-wire";

/** A call as a handler sees it: the decoded request (grpc-js's ServerUnaryCall, of which the monitor reads no more). */
export interface UnaryCall {
  request: any;
}

/** Takes an error (`code`, `details`) or the response, as grpc-js's sendUnaryData does. */
export type UnaryCallback = (error: any, value?: any) => void;

export type UnaryHandler = (call: UnaryCall, callback: UnaryCallback) => void;

interface Method {
  deserialize(bytes: Buffer): unknown;
  serialize(value: unknown): Buffer;
  handle: UnaryHandler;
}

export class UnaryServer {
  private readonly methods = new Map<string, Method>();
  private readonly sessions = new Set<http2.ServerHttp2Session>();
  private readonly server: http2.Http2Server;

  constructor(private readonly maxMessageBytes: number) {
    // Session memory is counted in megabytes: a registration may carry as much as the largest message allowed.
    this.server = http2.createServer({ maxSessionMemory: Math.ceil((2 * maxMessageBytes) / 2 ** 20) });
    this.server.on("session", (session) => {
      this.sessions.add(session);
      session.on("close", () => this.sessions.delete(session));
      session.on("error", () => undefined);
    });
    this.server.on("stream", (stream, headers) => this.serve(stream, headers[":path"]));
  }

  /** The service's unary methods, by their paths; one without a handler answers UNIMPLEMENTED. */
  addService(service: ServiceDefinition, handlers: Partial<Record<string, UnaryHandler>>): void {
    for (const [name, m] of Object.entries(service)) {
      if (m.requestStream || m.responseStream) throw new Error(`${m.path}: only unary methods are served`);
      const handle = handlers[name];
      if (handle)
        this.methods.set(m.path, { deserialize: m.requestDeserialize, serialize: m.responseSerialize, handle });
    }
  }

  /** Serves a connection accepted elsewhere (the monitor's listener). */
  injectConnection(socket: Socket): void {
    this.server.emit("connection", socket);
  }

  forceShutdown(): void {
    for (const session of this.sessions) session.destroy();
    this.server.close();
  }

  private serve(stream: http2.ServerHttp2Stream, path: string | undefined): void {
    stream.on("error", () => undefined);
    const method = path === undefined ? undefined : this.methods.get(path);
    if (!method) {
      stream.resume();
      return endWithStatus(stream, STATUS.UNIMPLEMENTED, `the offline engine does not serve ${path}`);
    }
    collectBody(stream, this.maxMessageBytes, (body) => {
      if (body === undefined)
        return endWithStatus(stream, STATUS.RESOURCE_EXHAUSTED, `request larger than ${this.maxMessageBytes} bytes`);
      const message = unframeMessage(body);
      if (message === undefined)
        return endWithStatus(stream, STATUS.INTERNAL, "expected one uncompressed length-prefixed message");
      let request: unknown;
      try {
        request = method.deserialize(message);
      } catch (e) {
        return endWithStatus(stream, STATUS.INTERNAL, `request does not decode: ${(e as Error).message}`);
      }
      method.handle({ request }, (error, value) => respond(stream, method, error, value));
    });
  }
}

function respond(stream: http2.ServerHttp2Stream, method: Method, error: any, value: unknown): void {
  if (stream.closed || stream.destroyed) return;
  if (error) return endWithStatus(stream, error.code ?? STATUS.UNKNOWN, String(error.details ?? error.message ?? ""));
  let payload: Buffer;
  try {
    payload = method.serialize(value);
  } catch (e) {
    return endWithStatus(stream, STATUS.INTERNAL, `response does not encode: ${(e as Error).message}`);
  }
  stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
  stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(STATUS.OK) }));
  stream.end(frameMessage(payload));
}

/** A call answered by its status alone ("Trailers-Only"). */
function endWithStatus(stream: http2.ServerHttp2Stream, code: number, message: string): void {
  if (stream.closed || stream.destroyed || stream.headersSent) return;
  stream.respond(
    {
      ":status": 200,
      "content-type": "application/grpc",
      "grpc-status": String(code),
      "grpc-message": encodeStatusMessage(message),
    },
    { endStream: true },
  );
}
