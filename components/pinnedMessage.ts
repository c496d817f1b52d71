// A check that can only run once a provider answers (its region, its zones) throws inside an apply, and every input
// waiting on it rejects with that same Error object. Pulumi's serializer prefixes the object's message with
// `error serializing property "…"` at each input and at the component's registerOutputs, so the one report Pulumi
// makes (it reports an error object once) would read as an internal failure wrapped many times over. A pinned
// message keeps the check's own words: argument, value, fix.

/** The error, its message fixed: later assignments to `message` are ignored. Anything else is returned as given. */
export function pinMessage<T>(error: T): T {
  if (!(error instanceof Error)) return error;
  const text = error.message;
  Object.defineProperty(error, "message", {
    get: () => text,
    set: () => undefined,
    enumerable: false,
    configurable: true,
  });
  return error;
}

/** Runs a check made inside an apply; an error it throws keeps its message wherever Pulumi passes it on. */
export function withPinnedMessage<T>(check: () => T): T {
  try {
    return check();
  } catch (e) {
    throw pinMessage(e);
  }
}
