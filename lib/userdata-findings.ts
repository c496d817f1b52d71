// What a user-data scan collects: weaknesses by kind and line, and the AuthenticationMethods lists it saw, which
// decide whether keyboard-interactive is a second factor (allowed) or a password prompt (a finding).

export type LoginWeaknessKind = "password-authentication" | "root-login" | "root-authorized-keys" | "password-set";

export interface LoginWeakness {
  kind: LoginWeaknessKind;
  /** The offending line, trimmed, so a message can quote it. */
  line: string;
}

interface Entry {
  weakness: LoginWeakness;
  /** Only keyboard-interactive (or challenge-response) was enabled on the line: MFA may excuse it. */
  keyboardOnly: boolean;
}

export class Findings {
  // Keyed by kind and line: a linear scan for duplicates would be quadratic in the number of findings.
  private readonly entries = new Map<string, Entry>();
  private readonly methods: { value: string; global: boolean }[] = [];

  add(kind: LoginWeaknessKind, line: string, keyboardOnly = false): void {
    const key = `${kind}\n${line}`;
    const entry = this.entries.get(key);
    if (entry) entry.keyboardOnly &&= keyboardOnly;
    else this.entries.set(key, { weakness: { kind, line }, keyboardOnly });
  }

  /** The value of an AuthenticationMethods directive the user data writes; not `global` inside a Match block. */
  authenticationMethods(value: string, global: boolean): void {
    this.methods.push({ value, global });
  }

  /**
   * The weaknesses found, keyboard-interactive lines left out when every AuthenticationMethods requires a key and one
   * applies to everyone (inside a Match block it binds only the matched users; the others may use the prompt alone).
   */
  weaknesses(): LoginWeakness[] {
    const methods = this.methods;
    const mfa = methods.some((m) => m.global) && methods.every((m) => requiresPublicKey(m.value));
    return [...this.entries.values()].filter((e) => !(mfa && e.keyboardOnly)).map((e) => e.weakness);
  }
}

/** `publickey,keyboard-interactive other,lists`: sshd requires one list to be completed, so each must hold a key. */
function requiresPublicKey(value: string): boolean {
  const lists = value.split(/[ \t]+/).filter((l) => l !== "");
  return lists.length > 0 && lists.every((l) => l.split(",").includes("publickey"));
}
