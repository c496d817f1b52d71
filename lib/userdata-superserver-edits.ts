// An in-place edit (sed -i, perl -pi) of a super-server's file that turns a password-login server on: replayed over
// the file's text when the script wrote it, else over the lines its packages ship (an xinetd service `disable = yes`,
// inetd's entries commented out), spelt with tabs and with spaces. What the edit turns on that was off counts:
// `s/disable\s*=\s*yes/disable = no/`, `/disable/d`, `s/^#telnet/telnet/`; `s/disable = no/disable = yes/` does not.
import { apply, compileEdit, Compiled, unreadIn } from "./userdata-edit-replay";
import { LoginServer } from "./userdata-login-servers";
import { SedEdit, SedScript, StreamEdit } from "./userdata-sed-edits";
import { MatchBudget, sedMatch } from "./userdata-sed-regex";
import { SuperServer, superServerOf, superServersIn, superServersNamedIn } from "./userdata-superservers";
import { appendAll } from "./arrays";

/** A known text longer than this is replaced by the shipped lines: each edit's replay stays small. */
const MAX_KNOWN_LINES = 64;
const MAX_KNOWN_TEXT = 4096;

/** The xinetd files the server packages ship, by file name: the service they hold and its server. */
const XINETD_SHIPPED = new Map<string, [string, string]>([
  ["telnet", ["telnet", "/usr/sbin/in.telnetd"]],
  ["telnetd", ["telnet", "/usr/sbin/in.telnetd"]],
  ["rlogin", ["login", "/usr/sbin/in.rlogind"]],
  ["login", ["login", "/usr/sbin/in.rlogind"]],
  ["rsh", ["shell", "/usr/sbin/in.rshd"]],
  ["shell", ["shell", "/usr/sbin/in.rshd"]],
  ["rexec", ["exec", "/usr/sbin/in.rexecd"]],
  ["exec", ["exec", "/usr/sbin/in.rexecd"]],
]);
const VNC_FILE = /^x?vnc/i;

/** inetd.conf's password-login entries as distributions ship them, off: BSD's `#`, Debian's `#<off># `. */
const INETD_SHIPPED = [
  ["telnet", "/usr/sbin/in.telnetd"],
  ["shell", "/usr/sbin/in.rshd"],
  ["login", "/usr/sbin/in.rlogind"],
  ["exec", "/usr/sbin/in.rexecd"],
].flatMap(([service, server]) => [
  `#${service}\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t${server}`,
  `#<off># ${service}\tstream\ttcp\tnowait\troot\t/usr/sbin/tcpd\t${server}`,
  `# ${service} stream tcp nowait root /usr/sbin/tcpd ${server}`,
]);

/**
 * The password-login servers an in-place edit turns on in the super-servers' files it names. `knownText`: the text
 * the script wrote to a file, when it spelt it all. An edit of a known text past its bounds where the file ships none
 * is taken to turn on every server the text names, on or off. One the reader cannot replay (a pattern past its caps,
 * the scan's budget spent, a program it read only in part) is told to `leftUnread`: what it does is not known.
 */
export function superServersEditedOn(
  edit: StreamEdit,
  knownText: (path: string) => string | undefined,
  budget: MatchBudget,
  leftUnread: (why: string) => void,
): LoginServer[] {
  if (!edit.inPlace) return [];
  const servers = new Set<LoginServer>();
  for (const file of edit.files) {
    const kind = superServerOf(file);
    if (kind === undefined) continue;
    // A program the reader read only in part (perl's s///e code, blocks past its nesting): what it does is not known.
    const unread = unreadIn(edit.script);
    if (unread !== undefined) leftUnread(unread);
    const known = knownText(file);
    const replayable = texts(kind, file, known);
    // Past the bounds, a text of the script's own is read once for the servers it names, whatever the edit does.
    if (replayable.length === 0 && known !== undefined)
      for (const server of namedInKnown(kind, known, budget)) servers.add(server);
    for (const lines of replayable) {
      const before = superServersIn(kind, lines);
      const after = replayed(lines, edit.script, budget);
      if (after === undefined)
        leftUnread(`an edit of ${kind}'s configuration past the sed patterns the reader replays`);
      else for (const server of superServersIn(kind, after)) if (!before.has(server)) servers.add(server);
    }
  }
  return [...servers];
}

/**
 * The servers a known text past the bounds names, read once per scan however often it is edited: kept by text for
 * the scan (whose budget stands for it), looked up by the string's hash, which the string keeps once computed.
 */
function namedInKnown(kind: SuperServer, known: string, budget: MatchBudget): ReadonlySet<LoginServer> {
  let named = namedByScan.get(budget);
  if (named === undefined) namedByScan.set(budget, (named = { xinetd: new Map(), inetd: new Map() }));
  let servers = named[kind].get(known);
  if (servers === undefined) named[kind].set(known, (servers = superServersNamedIn(kind, known.split("\n"))));
  return servers;
}
const namedByScan = new WeakMap<MatchBudget, Record<SuperServer, Map<string, ReadonlySet<LoginServer>>>>();

/** The texts an edit is replayed over: the one the script wrote, else those the file ships. */
function texts(kind: SuperServer, file: string, known: string | undefined): string[][] {
  if (known !== undefined && known.length <= MAX_KNOWN_TEXT) {
    const lines = known.split("\n");
    if (lines.length <= MAX_KNOWN_LINES) return [lines];
  }
  if (kind === "inetd") return [INETD_SHIPPED];
  const name = file.slice(file.lastIndexOf("/") + 1);
  const shipped = XINETD_SHIPPED.get(name) ?? (VNC_FILE.test(name) ? ["vnc", "/usr/bin/Xvnc"] : undefined);
  return shipped === undefined ? [] : [xinetdService(shipped, "\t"), xinetdService(shipped, " ")];
}

/** A service as the packages ship it, off, its attributes indented and aligned with `blank`. */
function xinetdService([service, server]: [string, string], blank: "\t" | " "): string[] {
  const indent = blank === "\t" ? blank : blank.repeat(4);
  const attribute = (key: string, value: string, op = "=") => `${indent}${key}${blank}${op}${blank}${value}`;
  return [
    `service ${service}`,
    "{",
    attribute("flags", "REUSE"),
    attribute("socket_type", "stream"),
    attribute("wait", "no"),
    attribute("user", "root"),
    attribute("server", server),
    attribute("log_on_failure", "USERID", "+="),
    attribute("disable", "yes"),
    "}",
  ];
}

/**
 * The lines after a script's edits, each run over every line in turn (sed's order on these short files, which hold
 * one block): a range from its first line to the end, text added (`a`, `i`, `c`) before the block's closing brace,
 * or at the end. A line-number address is not placed: its edit is left out. Undefined when an edit cannot be
 * replayed: its pattern is past the reader's caps, or the budget is spent.
 */
function replayed(lines: readonly string[], script: SedScript, budget: MatchBudget): string[] | undefined {
  const current: (string | undefined)[] = [...lines];
  const added: string[] = [];
  for (const edit of script.edits) {
    if (edit.command === "text") appendAll(added, edit.text.split("\n"));
    else if (!edit.numbered) {
      const how = compileEdit(edit, script.syntax, budget);
      if (how.refused !== undefined) return undefined;
      replay(edit, how, current);
    }
    if (budget.remaining < 0) return undefined;
  }
  const kept = current.filter((l): l is string => l !== undefined).flatMap((l) => l.split("\n"));
  const close = kept.lastIndexOf("}");
  return close < 0 ? [...kept, ...added] : [...kept.slice(0, close), ...added, ...kept.slice(close)];
}

/** Runs one edit over the lines; a range, from the first line its start matches on, over every line after it. */
function replay(edit: SedEdit, how: Compiled, lines: (string | undefined)[]): void {
  const from = edit.partial ? rangeStart(edit, how, lines) : 0;
  if (from < 0) return;
  const run = edit.partial ? { ...edit, address: "", negated: false } : edit;
  const runHow = edit.partial ? { ...how, address: undefined } : how;
  for (let i = from; i < lines.length; i++) {
    const edited = apply(run, runHow, lines[i]);
    if (edited !== undefined) lines[i] = edited.text;
  }
}

/** The first line a range's start matches (a negated or unaddressed one reaches every line); -1 for none. */
function rangeStart(edit: SedEdit, { address, budget }: Compiled, lines: (string | undefined)[]): number {
  if (edit.address === "" || edit.negated) return 0;
  if (address === undefined) return -1;
  return lines.findIndex((l) => l !== undefined && sedMatch(address, l, budget) !== undefined);
}
