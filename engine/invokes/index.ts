// Answers the data-source invokes programs make, in the region of the provider that serves them (provider-regions.ts).
import { alicloudInvokes } from "./alicloud";
import { awsInvokes } from "./aws";
import type { InvokeContext, InvokeHandler } from "./context";

const HANDLERS: Record<string, InvokeHandler> = { ...awsInvokes, ...alicloudInvokes };

export class UnsupportedInvokeError extends Error {}

export function supportedInvokes(): string[] {
  return Object.keys(HANDLERS).sort();
}

/** Longest list of supported tokens quoted in an error; beyond it the paragraph points to the handlers instead. */
const MAX_LISTED_INVOKES = 8;

function supportedList(): string {
  const all = supportedInvokes();
  return all.length <= MAX_LISTED_INVOKES
    ? `supported: ${all.join(", ")}`
    : `the ${all.length} supported invokes are the handlers in engine/invokes/`;
}

export function answerInvoke(
  token: string,
  args: Record<string, unknown>,
  ctx: InvokeContext,
): Record<string, unknown> {
  const handler = HANDLERS[token];
  if (!handler) {
    throw new UnsupportedInvokeError(
      `invoke "${token}" cannot be answered offline; ${supportedList()}. ` +
        "Add a handler under engine/invokes/ or pass the value through stack config.",
    );
  }
  return handler(args, ctx);
}
