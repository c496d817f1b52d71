// Alibaba Cloud database whitelists as the model reads them: a top-level field plus named whitelist groups, each
// entry as the resource rule reads it (`lib/whitelist-entries.ts`). Unknown entries may admit any address.
import { splitWhitelist, whitelistBlock } from "../../whitelist-entries";
import { isUnknown, items, prop, str } from "../resource";
import { MODE_APPLIES_FROM_CREATION, removesListedEntries } from "./whitelist-modify-mode";

/** Where a database keeps its whitelists. */
export interface WhitelistFields {
  /** The database's type token: some obey a top-level `modifyMode` (`MODE_APPLIES_FROM_CREATION`). */
  type?: string;
  /** The top-level whitelist field, if the database has one. */
  whitelist?: string;
  /** Named whitelist groups (`field`), each holding entries in `entries`, as the resource rule reads them. */
  groups?: { field: string; entries: string };
}

/** Entries of one whitelist value: one string (Tair) or a list of strings, each holding entries. */
function entriesOf(written: unknown): { entries: string[]; unknown: boolean } {
  const values = items(written);
  return {
    entries: values.flatMap((v) => splitWhitelist(str(v) ?? "")),
    // An entry unknown at preview may be any address: what it admits through a public endpoint is a note.
    unknown: isUnknown(written) || values.some((v) => str(v) === undefined),
  };
}

/**
 * The blocks a database admits: its top-level whitelist and every whitelist group's (a group whose `modifyMode` is
 * Delete removes entries and admits none; an unknown mode may admit them; the same for a top-level whitelist whose
 * mode applies from creation). With neither written, the provider's default whitelist admits only the loopback address.
 */
export function whitelistOf(
  inputs: Record<string, unknown>,
  kind: WhitelistFields,
): { blocks: string[]; unknown: boolean } {
  const removed =
    kind.type !== undefined &&
    MODE_APPLIES_FROM_CREATION.has(kind.type) &&
    removesListedEntries(inputs.modifyMode) === true;
  const written = kind.whitelist && !removed ? inputs[kind.whitelist] : undefined;
  const own = entriesOf(written);
  const groupsWritten = kind.groups ? inputs[kind.groups.field] : undefined;
  const groups = items(groupsWritten).flatMap((g) => {
    if (isUnknown(g)) return [{ entries: [], unknown: true }];
    if (removesListedEntries(prop(g, "modifyMode")) === true) return [];
    return [entriesOf(prop(g, kind.groups!.entries))];
  });
  const all = [own, ...groups];
  const unknown = isUnknown(groupsWritten) || all.some((w) => w.unknown);
  if (written === undefined && groupsWritten === undefined) return { blocks: ["127.0.0.1"], unknown };
  return { blocks: all.flatMap((w) => w.entries.flatMap((e) => whitelistBlock(e) ?? [])), unknown };
}
