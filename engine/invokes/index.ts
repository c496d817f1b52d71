// Answers the data-source invokes programs make, in the region of the provider that serves them (provider-regions.ts).
import { alicloudInvokes } from "./alicloud";
import { awsInvokes } from "./aws";
import { UNKNOWN } from "../../lib/values";
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

/**
 * The answer of an invoke whose provider cannot be configured in a preview (its region, or another input, is
 * unknown): every field the handler answers, unknown, so the program's outputs built on it stay unknown. A handler
 * that needs the region to answer at all gives no fields, the CLI's answer for every invoke of such a provider.
 */
export function unknownAnswer(
  token: string,
  args: Record<string, unknown>,
  config: Record<string, string>,
): Record<string, unknown> {
  let shape: Record<string, unknown>;
  try {
    shape = answerInvoke(token, args, { region: "", config });
  } catch (e) {
    if (e instanceof UnsupportedInvokeError) throw e;
    return {};
  }
  return Object.fromEntries(Object.keys(shape).map((key) => [key, UNKNOWN]));
}
