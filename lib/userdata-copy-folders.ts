// Where a file copied into a folder lands: `cp /tmp/start /usr/local/bin/` (or `-t /usr/local/bin`) puts it at
// /usr/local/bin/start, which the script may then run by that name.
import { normalPath } from "./userdata-sshd-paths";
import { withoutTrailingSlashes } from "./trailing-slashes";

/**
 * Folders a copy that names no slash after them (`cp /tmp/start /usr/local/bin`) still goes into, under the source's
 * name: they exist on every image, and are where a script is put to be run (programs' folders, /opt, root's home) or
 * where its files run at boot (init.d, profile.d, cron's, cloud-init's per-boot scripts). Kept short: a copy onto any
 * other name is read as onto a file of that name, as it is unless the script made a folder there, which the reader
 * does not follow.
 */
const FOLDERS_COPIED_INTO = new Set([
  ...["/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/opt", "/root"],
  ...["/etc/init.d", "/etc/rc.d/init.d", "/etc/profile.d"],
  ...["/etc/cron.hourly", "/etc/cron.daily", "/etc/cron.weekly", "/etc/cron.monthly"],
  ...["/var/lib/cloud/scripts/per-boot", "/var/lib/cloud/scripts/per-instance", "/var/lib/cloud/scripts/per-once"],
]);

/**
 * The file a copy of `from` to `destination` makes: the folder joined with the source's own name when the copy says
 * it goes into a folder (`intoFolder`: `-t DIR`), the destination ends with `/`, or is a folder above; the
 * destination itself otherwise, or when the copy says so (`intoFolder` false: `cp -T`).
 */
export function copiedFileAt(from: string, destination: string, intoFolder?: boolean): string {
  const folder = withoutTrailingSlashes(destination);
  const into = intoFolder ?? (destination.endsWith("/") || FOLDERS_COPIED_INTO.has(normalPath(folder)));
  if (!into) return destination;
  const name = from.slice(from.lastIndexOf("/") + 1);
  return `${folder}/${name}`;
}
