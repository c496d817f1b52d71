// Whether a WAF 3.0 defense rule applies at all times to all traffic: enabled (ruleStatus; the API's default is 1),
// not limited to time windows (timeConfig.timeScope "period" or "cycle"; "permanent" is the default), and not a
// canary release for part of the traffic (grayStatus 1 with a grayRate below 100 percent).
import { isUnknown, num, obj } from "../../lib/values";
import { allOf, Proof } from "./proof";

const absent = (v: unknown): boolean => v === undefined || v === null;

export function ruleEnabled(inputs: Record<string, unknown>): Proof {
  const status = inputs.ruleStatus;
  if (isUnknown(status)) return "unknown";
  return absent(status) || num(status) === 1 ? "yes" : "no";
}

function permanent(timeConfig: unknown): Proof {
  if (isUnknown(timeConfig)) return "unknown";
  if (absent(timeConfig)) return "yes";
  const scope = obj(timeConfig)?.timeScope;
  if (isUnknown(scope)) return "unknown";
  return absent(scope) || scope === "permanent" ? "yes" : "no";
}

function allTraffic(config: Record<string, unknown>): Proof {
  const status = config.grayStatus;
  if (isUnknown(status)) return "unknown";
  if (absent(status) || num(status) === 0) return "yes";
  if (num(status) !== 1) return "no";
  const gray = config.grayConfig;
  const rate = obj(gray)?.grayRate;
  if (isUnknown(gray) || isUnknown(rate)) return "unknown";
  return num(rate) === 100 ? "yes" : "no";
}

export function alwaysInEffect(config: Record<string, unknown>): Proof {
  return allOf([permanent(config.timeConfig), allTraffic(config)]);
}
