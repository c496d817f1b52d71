// The users a cloud-config configures, read as cloud-init's ug_util reads them: `user:` (a name or a mapping) makes
// the default user, `system_info: {default_user: …}` describes it, and `users:` is a list (of mappings, names or
// comma-separated names), a mapping keyed by user name, or a comma-separated string. An entry without a name (or
// named `default`) configures the default user. cloud-init writes every key of an entry with its hyphens as
// underscores (`ssh-authorized-keys` is `ssh_authorized_keys`), so keys are compared in that form. A password key
// is a finding for any user; keys (or ids to import them) for root, or for the default user when it is root.
import { Findings } from "./userdata-findings";

export type Config = Record<string, unknown>;

/** A user entry's keys as cloud-init compares them, each with its value and the key as written (to quote it). */
type UserKeys = Map<string, { key: string; value: unknown }>;

const USER_PASSWORD_KEYS = ["plain_text_passwd", "hashed_passwd", "passwd"];
const USER_KEY_KEYS = ["ssh_authorized_keys", "ssh_import_id"];

/** An entry's keys with hyphens as underscores and blanks trimmed, as `_normalize_users` leaves them (later wins). */
export function userKeys(entry: Config): UserKeys {
  const keys: UserKeys = new Map();
  for (const [key, value] of Object.entries(entry)) {
    const normal = key.replace(/-/g, "_").trim();
    if (normal !== "") keys.set(normal, { key, value });
  }
  return keys;
}

/** A user entry: its mapping, the name it is quoted by, whether it is the default user's, the key holding it. */
interface UserEntry {
  entry: Config;
  shown: string;
  isDefault: boolean;
  where: string;
}

/** A mapping of `user:`, `users:` or system_info, `name` given by its key in a `users:` mapping. */
function userEntry(entry: Config, where: string, name: unknown = entry.name): UserEntry {
  const shown = typeof name === "string" ? name : "(default user)";
  return { entry, shown, isDefault: name === undefined || name === "default", where };
}

/** The default user's name as the user data gives it, and where (quoted in a note); undefined: the image's own. */
function defaultUserName(config: Config): { name: string; from: string } | undefined {
  const user = config.user;
  if (typeof user === "string" && user !== "") return { name: user, from: `user: ${user}` };
  if (isRecord(user) && typeof user.name === "string") return { name: user.name, from: `user: {name: ${user.name}}` };
  const fallback = isRecord(config.system_info) ? config.system_info.default_user : undefined;
  if (isRecord(fallback) && typeof fallback.name === "string")
    return { name: fallback.name, from: `system_info.default_user.name: ${fallback.name}` };
  return undefined;
}

/** `user:` as cloud-init takes it, to make the default user: a name, or a mapping not empty. */
const userGiven = (user: unknown): boolean =>
  (typeof user === "string" && user !== "") || (isRecord(user) && isSet(user));

const namesDefault = (names: string): boolean => names.split(",").some((n) => n.trim() === "default");

/**
 * The mappings of `users:` in order; and whether it asks for the default user (a `default` name, an entry without a
 * name), which cloud-init creates only then, or when `user:` is given, or `users:` is not (the image's list; a null
 * or another kind, cloud-init takes for none).
 */
function usersEntries(users: unknown): { entries: UserEntry[]; asksDefault: boolean } {
  const entries: UserEntry[] = [];
  let asksDefault = users === undefined;
  if (typeof users === "string") asksDefault ||= namesDefault(users);
  else if (Array.isArray(users))
    for (const item of users) {
      if (isRecord(item)) entries.push(userEntry(item, "users"));
      else if (typeof item === "string") asksDefault ||= namesDefault(item);
      else if (Array.isArray(item)) asksDefault ||= item.includes("default");
    }
  else if (isRecord(users))
    // cloud-init sets each mapping's name to its key; a scalar value names the user when true.
    for (const [name, value] of Object.entries(users)) {
      if (isRecord(value)) entries.push(userEntry(value, "users", name));
      else if (name === "default" && isTrueValue(value)) asksDefault = true;
    }
  asksDefault ||= entries.some((e) => e.isDefault);
  return { entries, asksDefault };
}

/** Checks every user the config configures: password keys for any, keys for root (the default user if root). */
export function checkUsers(config: Config, found: Findings): void {
  const byDefault = defaultUserName(config);
  const rootNote =
    byDefault?.name === "root" ? `cloud-init makes the default user root, as ${byDefault.from} says` : undefined;
  const { entries, asksDefault } = usersEntries(config.users);
  // In cloud-init's order of merging them: `user:`, the `users:` entries, system_info's default_user.
  if (isRecord(config.user)) entries.unshift(userEntry(config.user, "users"));
  const fallback = isRecord(config.system_info) ? config.system_info.default_user : undefined;
  if (isRecord(fallback)) {
    // Named by `user:` (which wins) when both name it: the default user all the same.
    entries.push({ ...userEntry(fallback, "system_info.default_user"), isDefault: true });
  }
  let importRuns: boolean | undefined;
  for (const { entry, shown, isDefault, where } of entries) {
    const keys = userKeys(entry);
    for (const normal of USER_PASSWORD_KEYS) {
      const given = keys.get(normal);
      if (given && isSet(given.value)) found.add("password-set", `${where}: ${shown} ${given.key}`);
    }
    const note = shown === "root" ? undefined : isDefault ? rootNote : undefined;
    if (shown !== "root" && note === undefined) continue;
    for (const normal of USER_KEY_KEYS) {
      const given = keys.get(normal);
      if (!given || !isSet(given.value)) continue;
      // cc_ssh_import_id runs only when some key of the config is spelled `ssh_import_id`: it does not normalise.
      if (given.key !== normal && normal === "ssh_import_id" && !(importRuns ??= hasKey(config, normal))) continue;
      found.add("root-authorized-keys", `${where}: ${shown} ${given.key}`, note === undefined ? {} : { note });
    }
  }
  // cc_ssh_import_id imports the top-level ids for the default user, as that user: into root's keys when it is root.
  if (rootNote !== undefined && (asksDefault || userGiven(config.user)) && isSet(config.ssh_import_id))
    found.add("root-authorized-keys", "ssh_import_id: (set)", { note: rootNote });
}

/** Whether a mapping holds `key` at any depth, through mappings and lists' mappings (cloud-init's own search). */
function hasKey(config: Config, key: string): boolean {
  const seen = new Set<Config>();
  const stack: Config[] = [config];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    if (Object.prototype.hasOwnProperty.call(next, key)) return true;
    for (const value of Object.values(next))
      if (isRecord(value)) stack.push(value);
      else if (Array.isArray(value)) for (const item of value) if (isRecord(item)) stack.push(item);
  }
  return false;
}

export function isRecord(v: unknown): v is Config {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** A value that is there: not null, not an empty string, list or mapping. */
export function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === "" || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  return !isRecord(v) || Object.keys(v).length > 0;
}

function isTrueValue(v: unknown): boolean {
  return v === true || (typeof v === "number" && v !== 0) || (typeof v === "string" && /^(?:yes|true|on|1)$/i.test(v));
}
