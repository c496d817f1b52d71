// The engine's gRPC client for a policy pack: unary calls only (every analyzer method is unary), sent straight over
// node's HTTP/2 client. @grpc/grpc-js's client runs each call through channel, picker, filter and metadata layers a
// local connection to one pack needs none of: about 0.2 ms of a ~1 ms Analyze round trip on a 2-core machine, paid
// once per resource of a preview. The wire is gRPC's own (grpc-wire.ts), so the pack's grpc-js server, as the CLI
// reaches it, sees an ordinary client.
import * as http2 from "http2";
import type { MethodDefinition } from "@grpc/grpc-js";
import { grpc } from "./grpc";
import { collectBody, decodeStatusMessage, frameMessage, secondsText, STATUS, unframeMessage } from "./grpc-wire";

/** An error as grpc-js's client gives it: the status `code`, the server's `details`, both in `message`. */
export class UnaryCallError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
  ) {
    super(`${code} ${grpc.status[code] ?? "UNKNOWN"}: ${details}`);
    this.name = "UnaryCallError";
  }
}

/** HTTP statuses of a response without a gRPC status, as the protocol maps them (doc/http-grpc-status-mapping.md). */
const STATUS_OF_HTTP: Record<number, number> = {
  400: grpc.status.INTERNAL,
  401: grpc.status.UNAUTHENTICATED,
  403: grpc.status.PERMISSION_DENIED,
  404: grpc.status.UNIMPLEMENTED,
  429: grpc.status.UNAVAILABLE,
  502: grpc.status.UNAVAILABLE,
  503: grpc.status.UNAVAILABLE,
  504: grpc.status.UNAVAILABLE,
};

/** Flow-control window of the connection and of each call: one AnalyzeStack may carry a whole stack each way. */
const WINDOW_BYTES = 16 * 1024 * 1024;

/** What came back on a call's stream; `body` is null until the stream ends, undefined past the size limit. */
interface Received {
  headers?: http2.IncomingHttpHeaders;
  trailers?: http2.IncomingHttpHeaders;
  body: Buffer | undefined | null;
  failure?: Error;
}

export class UnaryClient {
  private session: http2.ClientHttp2Session | undefined;
  private inFlight = 0;
  private closed = false;

  /** `address` is `host:port`, as grpc-js takes it. */
  constructor(
    private readonly address: string,
    private readonly maxMessageBytes: number,
  ) {}

  /**
   * `deadlineMs`: how long the call may take. Past it the call is cancelled and fails with DEADLINE_EXCEEDED, even
   * when the server is too busy to answer at all. The server is not sent a `grpc-timeout`: its handler would run on
   * regardless, and the header's own timer doubled the deadline's cost per call (about 5 µs more).
   */
  call<Req, Res>(method: MethodDefinition<Req, Res>, request: Req, deadlineMs?: number): Promise<Res> {
    if (this.closed) return Promise.reject(new UnaryCallError(STATUS.UNAVAILABLE, "the client was closed"));
    let payload: Buffer;
    try {
      payload = frameMessage(method.requestSerialize(request));
    } catch (e) {
      return Promise.reject(new UnaryCallError(STATUS.INTERNAL, `request does not encode: ${(e as Error).message}`));
    }
    let stream: http2.ClientHttp2Stream;
    try {
      stream = this.connected().request({
        ":method": "POST",
        ":path": method.path,
        "content-type": "application/grpc",
        te: "trailers",
      });
    } catch (e) {
      return Promise.reject(new UnaryCallError(STATUS.UNAVAILABLE, (e as Error).message));
    }
    this.started();
    const answered = this.receive(stream, method, deadlineMs);
    stream.end(payload);
    return answered;
  }

  private receive<Res>(
    stream: http2.ClientHttp2Stream,
    method: Pick<MethodDefinition<unknown, Res>, "responseDeserialize">,
    deadlineMs: number | undefined,
  ): Promise<Res> {
    return new Promise((resolve, reject) => {
      const got: Received = { body: null };
      let settled = false;
      const deadline =
        deadlineMs === undefined
          ? undefined
          : setTimeout(() => {
              if (settled) return;
              settled = true;
              this.finished();
              stream.close(http2.constants.NGHTTP2_CANCEL);
              reject(new UnaryCallError(STATUS.DEADLINE_EXCEEDED, `no answer within ${secondsText(deadlineMs)}`));
            }, deadlineMs);
      const settle = () => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        this.finished();
        try {
          resolve(this.answer(method, got));
        } catch (e) {
          reject(e);
        }
      };
      stream.on("response", (headers) => (got.headers = headers));
      stream.on("trailers", (trailers) => (got.trailers = trailers));
      stream.on("error", (e) => (got.failure = e));
      collectBody(stream, this.maxMessageBytes, (body) => {
        got.body = body;
        // The status came (trailers precede the body's end): answer now rather than at close, a tick later.
        if (statusOf(got) !== undefined) settle();
      });
      // A stream cut off never ends, it only closes.
      stream.on("close", settle);
    });
  }

  /** New calls are refused; calls in flight finish (as grpc-js's `close`). */
  close(): void {
    this.closed = true;
    this.session?.close();
  }

  /** The open connection, or a new one when there is none (never opened, or gone with the pack's end). */
  private connected(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = http2.connect(`http://${this.address}`, {
      // Session memory is counted in megabytes: a call may carry as much as the largest message allowed, each way.
      maxSessionMemory: Math.ceil((2 * this.maxMessageBytes) / 2 ** 20),
      settings: { initialWindowSize: WINDOW_BYTES },
    });
    session.on("connect", () => session.setLocalWindowSize(WINDOW_BYTES));
    // A connection's failure reaches each call through its stream; nothing is left to report here.
    session.on("error", () => undefined);
    this.session = session;
    if (this.inFlight === 0) session.unref();
    return session;
  }

  // An idle connection does not keep the process alive (as grpc-js's idle channels); one with calls does.
  private started(): void {
    if (this.inFlight++ === 0) this.session?.ref();
  }

  private finished(): void {
    if (--this.inFlight === 0) this.session?.unref();
  }

  private answer<Res>(method: Pick<MethodDefinition<unknown, Res>, "responseDeserialize">, got: Received): Res {
    const { headers, trailers, body, failure } = got;
    const status = statusOf(got);
    if (status === undefined) {
      const http = Number(headers?.[":status"]);
      if (headers && http !== 200) {
        throw new UnaryCallError(STATUS_OF_HTTP[http] ?? STATUS.UNKNOWN, `the server answered HTTP ${http}`);
      }
      const why = failure ? `: ${failure.message}` : "";
      throw new UnaryCallError(STATUS.UNAVAILABLE, `the connection ended before the call was answered${why}`);
    }
    const code = Number(status);
    if (code !== STATUS.OK) {
      const message = trailers?.["grpc-message"] ?? headers?.["grpc-message"];
      throw new UnaryCallError(
        Number.isInteger(code) ? code : STATUS.UNKNOWN,
        decodeStatusMessage(String(message ?? "")),
      );
    }
    if (body === undefined) {
      throw new UnaryCallError(STATUS.RESOURCE_EXHAUSTED, `response larger than ${this.maxMessageBytes} bytes`);
    }
    const message = body === null ? undefined : unframeMessage(body);
    if (message === undefined) {
      throw new UnaryCallError(STATUS.INTERNAL, "expected one uncompressed length-prefixed message in the response");
    }
    try {
      return method.responseDeserialize(message);
    } catch (e) {
      throw new UnaryCallError(STATUS.INTERNAL, `response does not decode: ${(e as Error).message}`);
    }
  }
}

function statusOf({ headers, trailers }: Received): string | string[] | undefined {
  // A call answered by its status alone ("Trailers-Only") carries it in its only headers.
  return trailers?.["grpc-status"] ?? headers?.["grpc-status"];
}
