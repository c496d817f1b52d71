// Custom timeouts as the engine reads them: Go duration strings ("5m", "1h30m", "90s"), handed to analyzers in seconds.

export interface CustomTimeouts {
  create?: string;
  update?: string;
  delete?: string;
}

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

/** Seconds in a Go duration string; 0 for "" (no timeout set), undefined when it is not a duration. */
export function durationSeconds(text: string): number | undefined {
  if (text === "" || text === "0") return 0;
  const sign = text.startsWith("-") ? -1 : 1;
  let at = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
  let total = 0;
  while (at < text.length) {
    PART.lastIndex = at;
    const m = PART.exec(text);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    at = PART.lastIndex;
  }
  return at > 0 ? sign * total : undefined;
}

/** The timeouts set on a registration (a RegisterResourceRequest.CustomTimeouts), or undefined when none is. */
export function customTimeouts(message: any): CustomTimeouts | undefined {
  if (!message) return undefined;
  const out: CustomTimeouts = {};
  if (message.getCreate()) out.create = message.getCreate();
  if (message.getUpdate()) out.update = message.getUpdate();
  if (message.getDelete()) out.delete = message.getDelete();
  return Object.keys(out).length ? out : undefined;
}
