// The passwords a shell or cloud-config line spells, masked for quoting (see mask-secrets.ts): chpasswd and newusers
// input (`user:password`), what passwd reads from a pipe or a here-string, `useradd`/`usermod -p HASH`, `openssl
// passwd PASSWORD`, x11vnc's `-passwd PASSWORD`, ttyd's and GoTTY's `-c USER:PASSWORD`, the password field of an /etc/shadow or /etc/passwd line, cloud-config
// password keys and variables named for a password. User names, paths and sshd directives are kept.
import {
  applyMasks,
  closingQuote,
  commandName,
  commandsOf,
  isReference,
  nameOf,
  namesPassword,
  secretIn,
  Span,
  textOf,
  Token,
  tokens,
  valueSpan,
} from "./mask-secrets";
import { appendAll } from "./arrays";

/** `name:password:` at a line's start, as /etc/shadow and /etc/passwd hold it. */
const ACCOUNT_LINE = /^[ \t]*[^:\s#]+:([^:\s]+):/;
/**
 * A cloud-config password key at a line's start or in a flow mapping, and the blank after its colon; with hyphens
 * too (`plain-text-passwd`), as cloud-init reads a key either way.
 */
const CLOUD_CONFIG_KEY =
  /(?:^[ \t]*(?:-[ \t]+)?|[{,][ \t]*)(?:password|plain[-_]text[-_]passwd|hashed[-_]passwd|passwd)[ \t]*:[ \t]+/gi;
/** printf's conversion, which takes the password from an argument (`printf 'root:%s\n' "$PW"`). */
const FORMAT = /^%[-\d.]*[sb]$/;
/** /etc/shadow, /etc/gshadow, /etc/passwd (and their backups) named in a word: a write to them may spell a hash. */
const ACCOUNT_FILE = /\/etc\/(?:g?shadow|passwd)-?(?![\w.-])/;
/** `$id$salt$hash` (`$6$…`, `$y$j9T$…$…`, `$2b$12$…`): an id crypt knows, then at least a salt and a hash. */
const CRYPT_HASH = /\$(?:1|2[abxy]|5|6|7|y|gy|md5|sha1|argon2(?:id|i|d))\$[\w./=,+-]*\$[\w./$=,+-]{8,}/g;
/** x11vnc's options whose value is a password (`-passwd`, `-viewpasswd`, either with two dashes). */
const VNC_PASSWORD_OPTION = /^--?(?:view)?passwd$/;
/** Password fields that lock the account rather than set a password. */
const LOCKED = /^[!*]+$/;

/**
 * Words without which no form below can spell a password: a password key, variable or command (`pass`, `pw`,
 * `secret`, newusers, useradd/usermod, openssl, the shadow file; sshd's PasswordAuthentication and
 * PermitEmptyPasswords are directive names, not passwords) or a crypt hash's `$id$`. Most quoted lines (sshd
 * directives, sed edits) have none and are returned as they are without being tokenised.
 */
const MAY_SPELL_PASSWORD =
  /(?<!permitempty)pass(?!wordauthentication)|pw|secret|newusers|user(?:add|mod)|openssl|shadow|ttyd|gotty|\$\w+\$/i;

/**
 * How deep scripts quoted inside a line are read (`sh -c "su -c 'echo root:pw | chpasswd'"`): each level reads its
 * text once more, so the depth bounds the work; deeper quoting is rare.
 */
const MAX_NESTING = 3;

/** `line` with the passwords it spells masked. */
export function maskShellPasswords(line: string): string {
  return applyMasks(line, passwordSpans(line, 0));
}

function passwordSpans(line: string, depth: number): Span[] {
  // An account line (/etc/passwd, /etc/shadow) needs six colons; any other form a trigger word.
  if (!MAY_SPELL_PASSWORD.test(line) && !holdsColons(line, 6)) return [];
  const spans: Span[] = [...accountField(line), ...cloudConfigValues(line), ...opensslPasswords(line), ...hashes(line)];
  const words = tokens(line, "shell");
  for (const command of commandsOf(words)) appendAll(spans, commandPasswords(line, command));
  if (depth < MAX_NESTING) for (const word of words) appendAll(spans, quotedScriptPasswords(line, word, depth));
  return spans;
}

/** Whether `text` holds at least `count` colons: counted in place, as splitting would copy every field. */
function holdsColons(text: string, count: number): boolean {
  let seen = 0;
  for (let at = text.indexOf(":"); at >= 0 && seen < count; at = text.indexOf(":", at + 1)) seen++;
  return seen >= count;
}

/**
 * A quoted word that is a script of its own (`sh -c "echo 'root:pw' | chpasswd"`, `timeout 9 bash -c '…'`, `at now
 * <<< "…"`, `echo "…" | at now`): its passwords, where they stand in the line.
 */
function quotedScriptPasswords(line: string, word: Token, depth: number): Span[] {
  if (word.op !== undefined || (line[word.start] !== '"' && line[word.start] !== "'")) return [];
  const inner = valueSpan(line, word);
  const script = line.slice(inner.start, inner.end);
  if (!/\s/.test(script) || !MAY_SPELL_PASSWORD.test(script)) return [];
  return passwordSpans(script, depth + 1).map((s) => ({ start: s.start + inner.start, end: s.end + inner.start }));
}

/** An account line has 7 fields (/etc/passwd) or 9 (/etc/shadow): fewer colons is some other text. */
function accountField(line: string): Span[] {
  if (line.split(":").length < 7) return [];
  const m = ACCOUNT_LINE.exec(line);
  if (!m || m[1] === "x" || LOCKED.test(m[1])) return [];
  const start = m[0].length - 1 - m[1].length;
  return [{ start, end: start + m[1].length }];
}

/** A crypt hash anywhere (`sed 's/^root:[^:]*:/root:$6$salt$hash:/' /etc/shadow`): it can be cracked. */
function hashes(line: string): Span[] {
  const spans: Span[] = [];
  CRYPT_HASH.lastIndex = 0;
  for (let m = CRYPT_HASH.exec(line); m !== null; m = CRYPT_HASH.exec(line))
    spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}

/** `password: VALUE`, `- plain_text_passwd: VALUE`, `{name: ops, hashed_passwd: VALUE}`. */
function cloudConfigValues(line: string): Span[] {
  const spans: Span[] = [];
  CLOUD_CONFIG_KEY.lastIndex = 0;
  for (let m = CLOUD_CONFIG_KEY.exec(line); m !== null; m = CLOUD_CONFIG_KEY.exec(line)) {
    const start = m.index + m[0].length;
    const flow = m[0][0] === "{" || m[0][0] === ",";
    let end = start;
    if (line[start] === '"' || line[start] === "'") end = line.indexOf(line[start], start + 1) + 1 || line.length;
    else while (end < line.length && !(flow && (line[end] === "," || line[end] === "}")) && line[end] !== "#") end++;
    while (end > start && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
    appendAll(spans, secretIn(line, { start, end }));
  }
  return spans;
}

/**
 * `openssl passwd -6 PASSWORD`, wherever it is (inside `"$(…)"` too): its words up to the end of the command
 * substitution or pipeline, options and the values of -salt and -in left.
 */
function opensslPasswords(line: string): Span[] {
  const spans: Span[] = [];
  for (let at = line.indexOf("openssl"); at >= 0; at = line.indexOf("openssl", at + 1)) {
    const words = tokens(line, "shell", at + "openssl".length, true);
    if (words.length > 0 && nameOf(line, words[0]) === "passwd")
      for (let i = 1; i < words.length && words[i].op === undefined && line[words[i].start] !== '"'; i++) {
        const word = nameOf(line, words[i]);
        if (word === "-salt" || word === "-in") i++;
        else if (!word.startsWith("-")) appendAll(spans, secretIn(line, words[i]));
      }
    // What followed was read up to an operator: the next openssl is looked for after it, so a line is read once.
    const read = words[words.length - 1];
    if (read) at = Math.max(at, read.start);
  }
  return spans;
}

/** The passwords one command (a pipeline) spells. */
function commandPasswords(line: string, command: Token[]): Span[] {
  // `chpasswd:` too: cloud-config's module spelled on one line (`chpasswd: {list: "root:…"}`).
  const names = command.map((t) => (t.op === undefined ? commandName(line, t).replace(/:$/, "") : ""));
  const spans: Span[] = [...assignedPasswords(line, command)];
  if (names.includes("chpasswd")) appendAll(spans, accountPairs(line, command, false));
  // newusers' input and the account files hold `name:password:…`: the password ends at the next colon.
  const accountFile = command.some((t) => t.op === undefined && ACCOUNT_FILE.test(textOf(line, t)));
  if (names.includes("newusers") || accountFile) appendAll(spans, accountPairs(line, command, true));
  const passwd = names.findIndex((n, i) => n === "passwd" && names[i - 1] !== "openssl");
  if (passwd >= 0) appendAll(spans, passwdInput(line, command, passwd));
  if (names.includes("useradd") || names.includes("usermod")) appendAll(spans, passwordOptions(line, command));
  if (names.includes("x11vnc")) appendAll(spans, vncPasswordOptions(line, command));
  if (names.includes("ttyd") || names.includes("gotty")) appendAll(spans, credentialOptions(line, command));
  return spans;
}

/** ttyd's and GoTTY's `-c USER:PASSWORD` (`--credential`, `--credential=`): the basic-auth password after the colon. */
function credentialOptions(line: string, command: Token[]): Span[] {
  const spans: Span[] = [];
  command.forEach((t, i) => {
    if (t.op !== undefined) return;
    const word = nameOf(line, t);
    const inline = word.startsWith("--credential=");
    const next = word === "-c" || word === "--credential" ? command[i + 1] : undefined;
    const value: Span | undefined = inline ? { start: line.indexOf("=", t.start) + 1, end: t.end } : next;
    if (!value || (next && next.op !== undefined)) return;
    const span = valueSpan(line, value);
    // Looked for in the value alone, not to the line's end: `-c x -c x …` would read quadratically.
    const colon = line.slice(span.start, span.end).indexOf(":");
    if (colon >= 0) appendAll(spans, secretIn(line, { start: span.start + colon + 1, end: span.end }));
  });
  return spans;
}

/** x11vnc's `-passwd VALUE` and `-viewpasswd VALUE`: the VNC password spelt on its command line. */
function vncPasswordOptions(line: string, command: Token[]): Span[] {
  const spans: Span[] = [];
  command.forEach((t, i) => {
    const value = command[i + 1];
    if (t.op === undefined && VNC_PASSWORD_OPTION.test(nameOf(line, t)) && value && value.op === undefined)
      appendAll(spans, secretIn(line, value));
  });
  return spans;
}

/** `PW=secret`, `ROOT_PASSWORD="secret"`, `export DB_PASS=secret`: the value of a variable named for a password. */
function assignedPasswords(line: string, command: Token[]): Span[] {
  const spans: Span[] = [];
  for (const t of command) {
    if (t.op !== undefined) continue;
    // Looked for in the word alone: from the word to the line's end, a line of words without `=` reads quadratically.
    const at = textOf(line, t).indexOf("=");
    if (at < 0) continue;
    const eq = t.start + at;
    const name = line.slice(t.start, eq);
    if (/^[A-Za-z_]\w*$/.test(name) && namesPassword(name))
      appendAll(spans, secretIn(line, { start: eq + 1, end: t.end }));
  }
  return spans;
}

/**
 * `user:password` pairs in the words of a chpasswd or newusers pipeline (echo's, printf's, a here-string's): the
 * password runs to the end of its line (`\n` as printf and echo -e spell it) or of its quotes; in `fields` (newusers,
 * the account files) it ends at the next colon, the fields after it being ids and dates, and passwd's `x` is kept.
 */
function accountPairs(line: string, command: Token[], fields: boolean): Span[] {
  const spans: Span[] = [];
  for (const t of command) {
    if (t.op !== undefined) continue;
    let { start, end } = valueSpan(line, t);
    // A quoted part followed by more (`"root:pw"}` in a one-line cloud-config): the password ends at its quote.
    if (line[start] === '"' || line[start] === "'") {
      end = Math.min(end, closingQuote(line, start + 1, line[start], line[start] === '"' ? "\\" : ""));
      start++;
    }
    let lineStart = start;
    for (let i = start; i < end; i++) {
      if (line[i] === "\\" && line[i + 1] === "n") lineStart = i + 2;
      else if (line[i] === ":" && i > lineStart && lineStart >= start) {
        let stop = i + 1;
        while (stop < end && !(line[stop] === "\\" && line[stop + 1] === "n") && !(fields && line[stop] === ":"))
          stop++;
        const value = line.slice(i + 1, stop);
        if (value !== "" && !isReference(value) && !LOCKED.test(value) && !FORMAT.test(value))
          spans.push({ start: i + 1, end: stop });
        // The rest of this account's line holds no other pair.
        lineStart = -1;
        i = stop - 1;
      }
    }
  }
  return spans;
}

/**
 * What passwd reads: the words echo, printf or yes pipe to it (printf's format kept when it has a %), and a here-string.
 * Only when passwd reads them: a pipe into it, `--stdin`, or a here-string.
 */
function passwdInput(line: string, command: Token[], passwd: number): Span[] {
  const spans: Span[] = [];
  let stage: Token[] = [];
  const stages: Token[][] = [stage];
  for (const t of command.slice(0, passwd)) {
    if (t.op === "|") stages.push((stage = []));
    else stage.push(t);
  }
  for (const [first, ...args] of stages.slice(0, -1)) {
    const name = first && first.op === undefined ? commandName(line, first) : "";
    if (name !== "echo" && name !== "printf" && name !== "yes") continue;
    args.forEach((a, i) => {
      const word = textOf(line, a);
      if (a.op !== undefined || (name === "echo" && word.startsWith("-"))) return;
      if (!(name === "printf" && i === 0 && word.includes("%"))) appendAll(spans, secretIn(line, a));
    });
  }
  const rest = command.slice(passwd + 1);
  rest.forEach((t, i) => {
    if (t.op === "<<<" && rest[i + 1]?.op === undefined && rest[i + 1]) appendAll(spans, secretIn(line, rest[i + 1]));
  });
  return spans;
}

/** `-p VALUE`, `-pVALUE`, `--password VALUE`, `--password=VALUE` of useradd and usermod: the hash. */
function passwordOptions(line: string, command: Token[]): Span[] {
  const spans: Span[] = [];
  command.forEach((t, i) => {
    if (t.op !== undefined) return;
    const word = textOf(line, t);
    const next = command[i + 1];
    if ((word === "-p" || word === "--password") && next && next.op === undefined)
      appendAll(spans, secretIn(line, next));
    else if (word.startsWith("--password=")) appendAll(spans, secretIn(line, { start: t.start + 11, end: t.end }));
    else if (/^-p[^-]/.test(word)) appendAll(spans, secretIn(line, { start: t.start + 2, end: t.end }));
  });
  return spans.filter((s) => !LOCKED.test(line.slice(s.start, s.end)));
}
