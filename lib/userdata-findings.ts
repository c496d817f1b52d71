// What a user-data scan collects: weaknesses by kind and line, and the AuthenticationMethods lists it saw, which
// decide whether keyboard-interactive is a second factor (allowed) or a password prompt (a finding). Text written to
// a file that runs later is scanned through a view that says where it went; settings written to a file sshd does
// not read count only if the user data makes sshd read it.
import { rootKeysFilesNamed } from "./userdata-keys-files";
import { maskShellPasswords } from "./userdata-password-masks";
import { Restorable, Restorations } from "./userdata-restored";
import { isRootKeysPath } from "./userdata-root-keys";
import { normalPath } from "./userdata-sshd-paths";

/**
 * What weakens login; "password-login-server": a server beside sshd that logs in with passwords (telnet, VNC…);
 * "unread-content": what the reader did not read (gzip past its caps, layers past its nesting limit), which may hide
 * any of the others.
 */
export type LoginWeaknessKind =
  | "password-authentication"
  | "root-login"
  | "root-authorized-keys"
  | "password-set"
  | "password-login-server"
  | "unread-content";

/**
 * The step of the case a weakness breaks when it is not the boot-script rule's own (2, persistence through sshd and
 * root's keys): a server taking passwords from the network reopens step 1, the brute force.
 */
export function weaknessCaseStep(kind: LoginWeaknessKind): 1 | undefined {
  return kind === "password-login-server" ? 1 : undefined;
}

export interface LoginWeakness {
  kind: LoginWeaknessKind;
  /** The offending line, trimmed, so a message can quote it: the passwords it spells masked. */
  line: string;
  /**
   * Where the line was written to run later, when user data did not run it itself: a boot script, unit or crontab
   * (`/etc/rc.local`), innermost first when one wrote the next (`/etc/cron.d/x via /etc/rc.local`).
   */
  via?: string;
  /** Why the line weakens login when the line alone does not say so. */
  note?: string;
  /** The line may weaken login or not, as a value from outside the script decides: advisory, not a violation. */
  unverifiable?: boolean;
}

export interface Details {
  /** Only keyboard-interactive (or challenge-response) was enabled on the line: MFA may excuse it. */
  keyboardOnly?: boolean;
  note?: string;
  /** See LoginWeakness.unverifiable. */
  unverifiable?: boolean;
  /** The line is a setting in this file, which sshd does not read unless an Include, a copy or `sshd -f` says so. */
  unlessSshdReads?: string;
  /**
   * The line takes hardened settings away (the kit's drop-in, a hardened line): it weakens login unless the user data
   * sets the directives to no again.
   */
  unlessHardened?: Restorable;
  /** When the line took them away, as `now()` told: a drop-in written later may restore them. */
  at?: number;
  /**
   * The line's value is a placeholder in the text of `unlessSshdReads`, filled in where sshd is made to read it: a
   * file the script wrote with text from outside (the shell filled it in) is reported where it is put in place
   * instead (see Findings.textFromOutside).
   */
  placeholder?: boolean;
}

interface Entry {
  weakness: LoginWeakness;
  keyboardOnly: boolean;
  unlessSshdReads?: string;
  placeholder?: boolean;
  unlessHardened?: { restorable: Restorable; time: number };
  /** When the line was read, as `now()` told: a file sshd reads from a later time leaves it out. */
  time: number;
}

/**
 * Files sshd is made to read: exact paths, each from the time it is (0: whatever was written to it), and the
 * directories of glob patterns (read as any file below them).
 */
class SshdReads {
  /** Past this many patterns every file counts as read: matching them all would multiply with the findings. */
  private static readonly MAX_PATTERNS = 64;
  private readonly paths = new Map<string, number>();
  private readonly directories: string[] = [];
  private everything = false;

  add(pattern: string, from = 0): void {
    // Include resolves relative names under /etc/ssh.
    const path = normalPath(pattern.startsWith("/") || pattern.startsWith("~") ? pattern : `/etc/ssh/${pattern}`);
    const glob = path.search(/[*?[]/);
    if (glob < 0) this.paths.set(path, Math.min(this.paths.get(path) ?? from, from));
    else if (this.directories.length >= SshdReads.MAX_PATTERNS) this.everything = true;
    else this.directories.push(path.slice(0, path.lastIndexOf("/", glob) + 1));
  }

  /** Whether sshd reads what was written to `path` at `time`. */
  has(path: string, time: number): boolean {
    const normal = normalPath(path);
    const from = this.paths.get(normal);
    return (
      this.everything || (from !== undefined && from <= time) || this.directories.some((d) => normal.startsWith(d))
    );
  }
}

/** The entries, AuthenticationMethods and sshd's extra files of one scan, shared by its views. */
class Store {
  /** Every entry, in the order first added. */
  readonly entries: Entry[] = [];
  /**
   * The entries by line, then by kind, where it was written and why: a linear scan for duplicates would be quadratic,
   * and so would one key string built around the line (a line holding thousands of loops is added once per loop,
   * and each such key would cost the line's length to build and hash).
   */
  private readonly byLine = new Map<string, Map<string, Entry>>();

  entry(line: string, rest: string): Entry | undefined {
    return this.byLine.get(line)?.get(rest);
  }

  add(line: string, rest: string, entry: Entry): void {
    let ofLine = this.byLine.get(line);
    if (ofLine === undefined) this.byLine.set(line, (ofLine = new Map()));
    ofLine.set(rest, entry);
    this.entries.push(entry);
  }
  readonly methods: { value: string; global: boolean }[] = [];
  readonly sshdReads = new SshdReads();
  /** Directives the user data sets to no in sshd's configuration, outside Match blocks. */
  readonly restorations = new Restorations();
  /** Files AuthorizedKeysFile lines make root's keys, beyond the stock ones. */
  readonly rootKeysFiles = new Set<string>();
  /** Files whose text came from outside the script, reported where they were put in place (normal paths). */
  readonly outsideFiles = new Set<string>();
  /** Why the first content the scan did not read was left unread (see Findings.leftUnread). */
  unread?: string;
}

export class Findings {
  constructor(
    private readonly store = new Store(),
    /** Where the text this view scans was written, innermost first; undefined for what user data runs itself. */
    readonly via?: string,
  ) {}

  /** The view for text written to `path`, which runs later. */
  writtenTo(path: string): Findings {
    return new Findings(this.store, this.via === undefined ? path : `${path} via ${this.via}`);
  }

  add(kind: LoginWeaknessKind, line: string, details: Details = {}): void {
    const { keyboardOnly = false, note, unlessSshdReads, unlessHardened } = details;
    const plainKey = `${kind}\n${this.via ?? ""}\n`;
    const key = `${plainKey}${note ?? ""}\n${unlessSshdReads ?? ""}\n${unlessHardened?.directives.join(",") ?? ""}`;
    // A line already reported for what it writes needs no second finding saying why it weakens login.
    if (note !== undefined && this.store.entry(line, `${plainKey}\n\n`)) return;
    const entry = this.store.entry(line, key);
    if (entry) {
      entry.keyboardOnly &&= keyboardOnly;
      return;
    }
    // Keyed by the line as written (two lines differing in a password stay two), quoted with its passwords masked.
    const weakness: LoginWeakness = { kind, line: maskShellPasswords(line) };
    if (this.via !== undefined) weakness.via = this.via;
    const fullNote = unlessSshdReads === undefined ? note : `written to ${unlessSshdReads}, which sshd is made to read`;
    if (fullNote !== undefined) weakness.note = fullNote;
    if (details.unverifiable) weakness.unverifiable = true;
    const time = details.at ?? this.now();
    const restorable = unlessHardened && { restorable: unlessHardened, time };
    const placeholder = details.placeholder === true ? { placeholder: true } : {};
    this.store.add(line, key, {
      weakness,
      keyboardOnly,
      unlessSshdReads,
      unlessHardened: restorable,
      time,
      ...placeholder,
    });
  }

  /**
   * Content a reader's cap (or the nesting limit) kept the scan from reading, which may hold any weakness: reported
   * as one "unread-content" weakness, `why` the first reason given (e.g. "gzip data inflating past 4 MB"). A cap that
   * fails safe otherwise (reads the content another way, or reports it as unverifiable) need not call this.
   */
  leftUnread(why: string): void {
    this.store.unread ??= why;
  }

  /** The value of an AuthenticationMethods directive the user data writes; not `global` inside a Match block. */
  authenticationMethods(value: string, global: boolean): void {
    this.store.methods.push({ value, global });
  }

  /** The time of what the scan reads now, to order what takes hardening away and what restores it. */
  now(): number {
    return this.store.restorations.now();
  }

  /** A directive the user data sets to no for all connections, in sshd_config itself or in a drop-in. */
  hardened(directive: string, inDropIn: boolean): void {
    this.store.restorations.hardened(directive, inDropIn);
  }

  /** An Include of the drop-ins is written to sshd_config itself. */
  includedDropIns(): void {
    this.store.restorations.included();
  }

  /** A directive is given a value, whichever, in sshd_config itself, outside Match blocks. */
  setInMain(directive: string): void {
    this.store.restorations.set(directive);
  }

  /** Notes the files the AuthorizedKeysFile lines of `text` make root's keys. */
  keysFilesNamedIn(text: string): void {
    for (const file of rootKeysFilesNamed(text)) this.store.rootKeysFiles.add(file);
  }

  /** Whether writing `path` plants a key root logs in with. */
  readonly isRootKeys = (path: string): boolean =>
    isRootKeysPath(path) || (this.store.rootKeysFiles.size > 0 && this.store.rootKeysFiles.has(normalPath(path)));

  /**
   * A file the user data makes sshd read: an Include pattern, a file copied into its configuration, `sshd -f`; from
   * `from` on when only what is written to it later is read apart (what it held was read as the file it became).
   */
  sshdReads(pattern: string, from?: number): void {
    this.store.sshdReads.add(pattern, from);
  }

  /** `file`'s text came from outside the script, and is reported where it is put in place: its placeholders are not. */
  textFromOutside(file: string): void {
    this.store.outsideFiles.add(normalPath(file));
  }

  /**
   * The weaknesses found, keyboard-interactive lines left out when every AuthenticationMethods requires a key and one
   * applies to everyone (inside a Match block it binds only the matched users; the others may use the prompt alone).
   * Settings written to other files are left out unless sshd is made to read them.
   */
  weaknesses(): LoginWeakness[] {
    const { methods, entries, sshdReads, restorations, unread, outsideFiles } = this.store;
    const mfa = methods.some((m) => m.global) && methods.every((m) => requiresPublicKey(m.value));
    const found = entries
      .filter((e) => !(mfa && e.keyboardOnly))
      .filter((e) => e.unlessSshdReads === undefined || sshdReads.has(e.unlessSshdReads, e.time))
      .filter((e) => !e.placeholder || !outsideFiles.has(normalPath(e.unlessSshdReads ?? "")))
      .filter(
        (e) =>
          e.unlessHardened === undefined || !restorations.restores(e.unlessHardened.restorable, e.unlessHardened.time),
      )
      .map((e) => e.weakness);
    if (unread !== undefined) found.push({ kind: "unread-content", line: unread });
    return found;
  }
}

/** `publickey,keyboard-interactive other,lists`: sshd requires one list to be completed, so each must hold a key. */
function requiresPublicKey(value: string): boolean {
  const lists = value.split(/[ \t]+/).filter((l) => l !== "");
  return lists.length > 0 && lists.every((l) => l.split(",").includes("publickey"));
}

/** A finding's context for a message: ` via /etc/rc.local (note)`, or "" for a line user data runs itself. */
export function weaknessContext(weakness: LoginWeakness): string {
  const via = weakness.via === undefined ? "" : ` via ${weakness.via}`;
  return weakness.note === undefined ? via : `${via} (${weakness.note})`;
}
