// A CloudSSO directory's nested settings blocks (passwordPolicy, mfaAuthenticationSettingInfo,
// samlIdentityProviderConfiguration) as the rules read them. The provider takes each as one object; a program written
// against the Terraform shape (or in YAML) may give a one-element list, which is read as the object it holds, so a
// weak setting inside is judged, never taken for the block left unset. Any other shape cannot be read: it stands for
// a value unknown at preview, so what it may hold is a note (a violation when failing closed), never a pass.
import { isUnknown, obj, UNKNOWN } from "../../lib/values";

const CLOUDSSO_BLOCKS = [
  "passwordPolicy",
  "mfaAuthenticationSettingInfo",
  "samlIdentityProviderConfiguration",
] as const;

/** The block's value as the provider's object, unset or unknown as given; `malformed` when it is none of those. */
function blockValue(v: unknown): { value: unknown } | "malformed" {
  if (v === undefined || v === null || isUnknown(v) || obj(v)) return { value: v };
  if (!Array.isArray(v)) return "malformed";
  if (v.length === 0) return { value: undefined };
  const [only] = v;
  return v.length === 1 && (isUnknown(only) || obj(only)) ? { value: only } : "malformed";
}

export interface DirectoryBlocks {
  /** The directory's props with each block read as an object. */
  props: Record<string, unknown>;
  /** Blocks written in a shape the provider does not take: unknown in `props`, their settings unread. */
  malformed: string[];
}

/** Why a malformed block is reported. */
export const MALFORMED_BLOCK = "it is neither an object nor a list of one, so its settings cannot be read";

export function directoryBlocks(p: Record<string, unknown>): DirectoryBlocks {
  const props = { ...p };
  const malformed: string[] = [];
  for (const field of CLOUDSSO_BLOCKS) {
    if (!(field in p)) continue;
    const read = blockValue(p[field]);
    if (read === "malformed") {
      malformed.push(field);
      props[field] = UNKNOWN;
    } else props[field] = read.value;
  }
  return { props, malformed };
}
