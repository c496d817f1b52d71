// Stream editors a boot script runs over sshd_config, root's keys or a boot script: sed, perl's line loop
// (`perl -pi -e 's/…/…/'`), awk, and ex or vi given `-c` commands. All are read alike, as the edits their scripts make.
import { awkStreamEdit } from "./userdata-awk";
import { exStreamEdit } from "./userdata-ex";
import { perlStreamEdit } from "./userdata-perl";
import { sedStreamEdit } from "./userdata-sed";
import { StreamEdit } from "./userdata-sed-edits";

/** The run of a stream editor (its script, its files, whether in place); undefined for any other command. */
export function streamEdit(name: string, args: string[]): StreamEdit | undefined {
  if (name === "sed") return sedStreamEdit(args);
  if (name === "perl") return perlStreamEdit(args);
  return awkStreamEdit(name, args) ?? exStreamEdit(name, args);
}
