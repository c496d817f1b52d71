// cloud-config keys read line by line, for a cloud-config that does not parse as YAML (cloud-init may still read
// it, or a later tool may): `ssh_pwauth: true`, `disable_root: false` (or `disable_root_opts: ""`), password keys,
// a write_files path of root's keys; users' password keys in flow mappings too.
import { Findings } from "./userdata-findings";

const YES = String.raw`(?:yes|true|on|1)`;
const CLOUD_INIT_PWAUTH = new RegExp(String.raw`^\s*ssh_pwauth\s*:\s*["']?${YES}["']?\s*(?:#.*)?$`, "i");
const CLOUD_INIT_ROOT = /^\s*disable_root\s*:\s*["']?(?:false|no|off|0)["']?\s*(?:#.*)?$/i;
/** An empty disable_root_opts, quoted (`disable_root_opts:` alone is null, which cloud-init spells `None`). */
const CLOUD_INIT_ROOT_OPTS = /^\s*disable_root_opts\s*:\s*(?:"\s*"|'\s*')\s*(?:#.*)?$/;
/** Why a disable_root_opts without a command lets root in. */
export const ROOT_OPTS_NOTE =
  "root's keys are written without the command= that refuses its login, as disable_root: false";
/** `chpasswd:` module, the top-level default-user `password:`, and per-user password keys under `users:`. */
const CLOUD_INIT_CHPASSWD =
  /^(?:\s*chpasswd\s*:|password\s*:|\s+(?:-\s+)?(?:plain_text_passwd|hashed_passwd|passwd)\s*:)/i;
/**
 * A user's password key in a flow mapping, given a value: `users: [{name: x, plain_text_passwd: y}]`, `user: {…}`,
 * `- {name: x, passwd: y}`. Only after a key that holds users (or a list item), so shell printing braces is not one.
 * The key is unquoted with a blank after its colon, as YAML needs and the password mask (userdata-password-masks.ts)
 * finds it: a line reported is quoted with its password masked.
 */
const CLOUD_INIT_FLOW_PASSWORD =
  /^\s*(?:["']?(?:users|user|default_user)["']?\s*:\s*(?:\[\s*)?|-\s+)\{(?:[^#]*?[{,])?[ \t]*(?:plain_text_passwd|hashed_passwd|passwd)[ \t]*:[ \t]+(?!""|'')[^\s,}\]#]/i;
const CLOUD_INIT_ROOT_KEYS = /^\s*(?:-\s+)?path\s*:\s*["']?(\S+?)["']?\s*$/;

/** The cloud-config keys on one line (`raw`, as written), quoted as `line`. */
export function scanCloudInitKeys(raw: string, line: string, found: Findings): void {
  // Every key is followed by a colon: a line without one (most shell lines) holds none.
  if (!raw.includes(":")) return;
  if (CLOUD_INIT_PWAUTH.test(raw)) found.add("password-authentication", line);
  if (CLOUD_INIT_ROOT.test(raw)) found.add("root-login", line);
  if (CLOUD_INIT_ROOT_OPTS.test(raw)) found.add("root-login", line, { note: ROOT_OPTS_NOTE });
  if (CLOUD_INIT_CHPASSWD.test(raw) || CLOUD_INIT_FLOW_PASSWORD.test(raw)) found.add("password-set", line);
  const path = CLOUD_INIT_ROOT_KEYS.exec(raw);
  if (path && found.isRootKeys(path[1])) found.add("root-authorized-keys", line);
}
