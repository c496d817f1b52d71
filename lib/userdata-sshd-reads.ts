// Files a command makes sshd read: what it writes into sshd's configuration or copies or links there, the file
// `sshd -f` is given. Settings in a file sshd does not otherwise read count only once the script does this.
import { copyOperands } from "./userdata-copies";
import { ParsedCommand } from "./userdata-destinations";
import { Findings } from "./userdata-findings";
import { maybeSshdConfigPath } from "./userdata-sshd-paths";
import { optionValues } from "./userdata-words";

/** A file written into sshd's configuration, which sshd then reads (unless it is that configuration itself). */
function readUnlessSshdConfig(file: string, found: Findings): void {
  if (file.startsWith("/") && !maybeSshdConfigPath(file)) found.sshdReads(file);
}

/**
 * Files the command makes sshd read, so that settings written there count: its arguments when it writes sshd's
 * configuration (`cat /opt/x >> /etc/ssh/sshd_config`), what it copies there, the file `sshd -f` is given.
 */
export function noteFilesSshdReads({ words, name, args }: ParsedCommand, writesConfig: boolean, found: Findings): void {
  if (writesConfig) {
    // Its operands (`if=` of dd's too) and what it reads through `<`: `tee -a /etc/ssh/sshd_config < /tmp/x`.
    for (const a of args) readUnlessSshdConfig(a.startsWith("if=") ? a.slice(3) : a, found);
    for (let i = 0; i + 1 < words.length; i++) if (words[i].op === "<") readUnlessSshdConfig(words[i + 1].text, found);
  }
  const copy = copyOperands(name, args);
  // A destination the reader cannot name (`cp /tmp/x "$target"`) may be sshd's configuration.
  const destination = copy?.destination ?? "";
  if (copy && (maybeSshdConfigPath(destination) || /^\/etc\/ssh\/?$/.test(destination) || destination.includes("$")))
    for (const source of copy.sources) found.sshdReads(source);
  if (name === "sshd") for (const file of optionValues(args, "-f", "-f", "")) found.sshdReads(file);
  // `ln -s /etc/ssh/sshd_config.d/x.conf /tmp/x`: what is written to the link lands in sshd's configuration.
  if (name === "ln" && copy?.sources.some((s) => maybeSshdConfigPath(s) || /^\/etc\/ssh\/?$/.test(s)))
    found.sshdReads(copy.destination);
}
