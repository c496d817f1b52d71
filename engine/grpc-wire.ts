// gRPC's unary wire over HTTP/2 (github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md), shared by the engine's
// server and client: one length-prefixed message each way, the status and its message in trailers.

/** gRPC status codes used here (github.com/grpc/grpc/blob/master/doc/statuscodes.md). */
export const STATUS = {
  OK: 0,
  UNKNOWN: 2,
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

/** A deadline as a message says it: "300 s", "1.5 s". */
export function secondsText(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** Compressed flag (0) and big-endian length before each message. */
export const PREFIX = 5;

/** The one uncompressed message of a body, with its prefix. */
export function frameMessage(payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(PREFIX + payload.length);
  frame[0] = 0;
  frame.writeUInt32BE(payload.length, 1);
  frame.set(payload, PREFIX);
  return frame;
}

/** The message of a body holding exactly one uncompressed length-prefixed message; undefined for anything else. */
export function unframeMessage(body: Buffer): Buffer | undefined {
  if (body.length < PREFIX || body[0] !== 0 || body.readUInt32BE(1) !== body.length - PREFIX) return undefined;
  return body.subarray(PREFIX);
}

/** grpc-message is percent-encoded outside printable ASCII (and `%` itself), as the protocol asks. */
export function encodeStatusMessage(message: string): string {
  return message.replace(/[^\x20-\x24\x26-\x7e]+/gu, (run) => encodeURIComponent(run));
}

/** The status message as sent; a malformed escape is kept as it came rather than losing the message. */
export function decodeStatusMessage(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/**
 * Collects a stream's body up to one message of `maxMessageBytes` (past it, the rest is counted, not kept) and hands
 * it over when the stream ends: the body, or undefined when it was larger.
 */
export function collectBody(
  stream: NodeJS.ReadableStream,
  maxMessageBytes: number,
  done: (body: Buffer | undefined) => void,
): void {
  const chunks: Buffer[] = [];
  let length = 0;
  stream.on("data", (chunk: Buffer) => {
    length += chunk.length;
    if (length <= maxMessageBytes + PREFIX) chunks.push(chunk);
  });
  stream.on("end", () => {
    if (length > maxMessageBytes + PREFIX) return done(undefined);
    done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length));
  });
}
