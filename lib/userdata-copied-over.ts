// A file copied over another the script wrote (`cp /opt/safe /opt/start`, mv, install) replaces what was written
// there: a file run later, or an xinetd service built a line at a time, is read from the copy's text on (the text the
// script spelt into the source, or none the reader knows), not from what the copy took the place of.
import { copyArguments, copyOperands } from "./userdata-copies";
import { ParsedCommand } from "./userdata-destinations";
import { LineScan } from "./userdata-scan-context";
import { isInertPath } from "./userdata-sshd-paths";
import { fromStanding } from "./userdata-working-directory";

/**
 * Hands the text one file copied onto another brings (`known` says what the script spelt into it; empty when not)
 * to where written files are followed, as replacing the destination. `directory`: where a `cd` put the script.
 */
export function followCopy(
  { name, args }: ParsedCommand,
  { written, found, reading }: LineScan,
  known: (path: string) => string | undefined,
  directory?: string,
): void {
  // In a file that may be configuration, a `cp` line copies nothing.
  if (written === undefined || (reading.inertFile !== undefined && reading.scriptFile !== true)) return;
  const copy = copyOperands(name, copyArguments(name, args));
  if (copy === undefined || copy.folders !== undefined || copy.sources.length !== 1) return;
  const destination = fromStanding(copy.destination, directory);
  if (destination.endsWith("/") || !isInertPath(destination)) return;
  const text = known(fromStanding(copy.sources[0], directory)) ?? "";
  written(text, [destination], found, { appended: [], followOnly: true });
}
