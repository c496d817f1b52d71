// What a Windows script's variables hold, as far as login is concerned: the text assigned (a path, a here-string of
// sshd settings) and where a secret in them comes from. A password spelled in the script is a plaintext secret in
// user data or a command, readable by anyone who can read the resource; one taken from outside it (an environment
// variable, Parameter Store, Secrets Manager, a template placeholder) cannot be judged from here; one the script
// generates is neither. Assignments are classified as they are read, once each, so a use costs one lookup.
import { recordLineArray } from "./windows-line-arrays";
import { appendedValue, recordLiteralValue } from "./windows-literals";
import { WindowsLanguage } from "./windows-scripts";
import { plainTextOfSecureString } from "./windows-secure-strings";
import { hasUnknownValue } from "./windows-unknown-values";
import { globalMatches } from "./global-matches";

/** Where a value comes from: spelled in the script, taken from outside it, or neither (generated, a number). */
export type SecretSource = "literal" | "outside" | "none";

/** Values read from outside the script: environment, stores of secrets and parameters, the network, a prompt. */
const OUTSIDE =
  /\$env:|\$\{env:|\$using:|\{\{|get-ssmparameter|get-secsecretvalue|secretsmanager|get-parameter|read-host|get-credential|import-clixml|get-content|invoke-restmethod|invoke-webrequest|get-itemproperty|getnetworkcredential|read-s3object|get-ec2passworddata|\$args\b|\$input\b|%~?\d|%%\w/i;
/** PowerShell variables the script did not set whose value is no secret from outside. */
const AUTOMATIC = new Set(["_", "true", "false", "null", "psitem", "this", "matches"]);
/** `$name`, `$script:name`, `${name}` (no `$` or brace inside, so an unclosed one costs no rescan); `$env:` is OUTSIDE. */
const POWERSHELL_REFERENCE = /\$(?:\{([^{}$]*)\}|(?:(?:script|global|local|private):)?([A-Za-z_]\w*))/g;
/** `%name%` and delayed `!name!`. */
const BATCH_REFERENCE = /%([^%\s]+)%|!([^!\s]+)!/g;
/** `$name = value`, `[type]$name = value`, `$script:name = value` (not `==`), or `+=` appending to it. */
const POWERSHELL_ASSIGNMENT =
  /^(?:\[[^\]]*\]\s*)?\$(?:(?:script|global|local|private):)?([A-Za-z_]\w*)\s*(\+?)=(?!=)([\s\S]*)$/;
/** `set name=value`, `set "name=value"`, `set /p name=prompt`. */
const BATCH_ASSIGNMENT = /^@?set\s+(\/[ap]\s+)?"?([^=\s"]+)=([\s\S]*)$/i;
/** PowerShell that makes a value up (a random password, a method's result): not a secret the script spells. */
const GENERATED = /::|get-random|new-guid|generatepassword/i;
/** PowerShell's verbatim strings. */
const SINGLE_QUOTED = /'[^']*'/g;
/** A quoted string with something in it. */
const QUOTED_TEXT = /"[^"]+"|'[^']+'/;

/** One assignment's value: each assignment makes a new one, so a reader may cache what it finds in it. */
export interface VariableValue {
  readonly text: string;
  readonly source: SecretSource;
}

export class WindowsVariables {
  constructor(
    /** The language of the script these are the variables of. */
    readonly language: WindowsLanguage,
    /** The variables of the script that runs this one in its scope: seen where this one sets no value of a name. */
    private readonly inherited?: WindowsVariables,
    private readonly values = new Map<string, VariableValue>(),
  ) {}

  /**
   * These variables, seeing `caller`'s where they set no value of a name (a script run in the caller's scope); what
   * is assigned is assigned to these. The caller's chain is as deep as the scripts are nested, which is bounded.
   */
  seeing(caller: WindowsVariables): WindowsVariables {
    return new WindowsVariables(this.language, caller, this.values);
  }

  /** Variables of their own that see these where they set no value of a name. */
  child(): WindowsVariables {
    return new WindowsVariables(this.language, this);
  }

  /** Records the assignment `statement` makes, if it makes one. */
  assign(statement: string): void {
    if (this.language === "powershell") {
      const m = POWERSHELL_ASSIGNMENT.exec(statement);
      if (!m) return;
      const text = m[2] === "+" ? appendedValue(m[1], m[3]) : m[3];
      const value = { text, source: this.source(text, false) };
      // Read before it is set: `$c = $c + 'x'` and `$c += 'x'` join the earlier $c.
      recordLiteralValue(value, this);
      recordLineArray(value, this);
      this.values.set(m[1].toLowerCase(), value);
      return;
    }
    const m = BATCH_ASSIGNMENT.exec(statement);
    if (!m) return;
    // `set /p` reads the value from its input.
    const value = m[3].endsWith('"') && statement.includes('"') ? m[3].slice(0, -1) : m[3];
    const source = m[1]?.trim().toLowerCase() === "/p" ? "outside" : this.source(value, true);
    this.values.set(m[2].toLowerCase(), { text: value, source });
  }

  /** The values of the variables `text` refers to that the script assigned, each once. */
  referencedValues(text: string): VariableValue[] {
    const values = new Set<VariableValue>();
    for (const name of this.references(text)) {
      const value = this.valueOf(name);
      if (value) values.add(value);
    }
    return [...values];
  }

  /**
   * The text with each variable it refers to replaced by the value the script assigned, its outer quotes taken off
   * (`"$c.bak"` with `$c = "C:\\…\\sshd_config"` is `"C:\\…\\sshd_config.bak"`); a variable it did not assign stays.
   */
  expandReferences(text: string): string {
    const pattern = this.language === "powershell" ? POWERSHELL_REFERENCE : BATCH_REFERENCE;
    return text.replace(pattern, (reference, braced?: string, bare?: string) => {
      const value = this.valueOf((braced ?? bare ?? "").toLowerCase());
      return value === undefined ? reference : value.text.trim().replace(/^(["'])([^]*)\1$/, "$2");
    });
  }

  /**
   * Where the value of expression `text` comes from. `bareIsLiteral`: an unquoted word is itself the value (batch,
   * and `net user`'s arguments), not a command or a number. `unwrap`: read a ConvertTo-SecureString's text (once,
   * not again inside it: nesting is no password and would cost a reading per level).
   */
  source(text: string, bareIsLiteral: boolean, unwrap = true): SecretSource {
    const expression = text.trim();
    // A value the text handed to this script expanded and the reader could not know (windows-unknown-values.ts).
    if (OUTSIDE.test(expression) || hasUnknownValue(expression)) return "outside";
    if (this.language === "powershell" && GENERATED.test(expression)) return "none";
    // The text ConvertTo-SecureString converts is a command argument: a bare word there is spelled in the script.
    const plainText = unwrap && this.language === "powershell" ? plainTextOfSecureString(expression) : undefined;
    if (plainText !== undefined) return this.source(plainText, true, false);
    // PowerShell reads nothing inside single quotes: `'Pa$$w0rd'` is a literal, not variables.
    const readable = this.language === "powershell" ? expression.replace(SINGLE_QUOTED, "'_'") : expression;
    let literal = false;
    for (const name of this.references(readable)) {
      if (this.language === "powershell" && AUTOMATIC.has(name)) continue;
      const value = this.valueOf(name);
      if (!value || value.source === "outside") return "outside";
      if (value.source === "literal") literal = true;
    }
    const rest = readable.replace(this.language === "powershell" ? POWERSHELL_REFERENCE : BATCH_REFERENCE, "");
    if (literal || QUOTED_TEXT.test(rest)) return "literal";
    // What is left of a bare word once its variables are taken out is spelled in the script; in PowerShell, unless
    // it is a command or subexpression.
    const spelled = rest.trim() !== "" && (this.language === "batch" || !/[$(]/.test(rest));
    return bareIsLiteral && spelled ? "literal" : "none";
  }

  /** The value last assigned to lower-cased `name`, here or where these variables inherit from. */
  private valueOf(name: string): VariableValue | undefined {
    return this.values.get(name) ?? this.inherited?.valueOf(name);
  }

  /** Lower-cased names of the variables `text` refers to. */
  private references(text: string): string[] {
    const pattern = this.language === "powershell" ? POWERSHELL_REFERENCE : BATCH_REFERENCE;
    return globalMatches(pattern, text)
      .map((m) => (m[1] ?? m[2] ?? "").toLowerCase())
      .filter((n) => n !== "");
  }
}
