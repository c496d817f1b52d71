// Replacing sshd_config itself: what the new text leaves out is sshd's default (password authentication, root login
// with a key), and without the Include of the drop-ins the kit's and Ubuntu's hardened drop-ins are no longer read.
import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";
import { fromOutside, sshdNotesFrom } from "./userdata-outside-fixtures";

const kinds = (text: string) => [...new Set(findLoginWeaknesses(text).map((w) => w.kind))].sort();
const SSHD = "/etc/ssh/sshd_config";
const BOTH: LoginWeaknessKind[] = ["password-authentication", "root-login"];
const PASSWORDS: LoginWeaknessKind[] = ["password-authentication"];
const writeFile = (content: string, extra = "") =>
  `#cloud-config\nwrite_files:\n  - path: ${SSHD}\n${extra}    content: ${JSON.stringify(content)}\n`;

describe("sshd_config replaced", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "by a here-document without PasswordAuthentication",
      `cat > ${SSHD} <<'EOF'\nPort 22\nPermitRootLogin no\nEOF`,
      PASSWORDS,
    ],
    ["by an echo of one line", `echo 'Port 2222' > ${SSHD}`, BOTH],
    ["by an empty redirection", `: > ${SSHD}`, BOTH],
    ["by tee from a here-document", `tee ${SSHD} > /dev/null <<'EOF'\nPort 22\nEOF`, BOTH],
    ["by tee from an echo", `echo 'Port 22' | tee ${SSHD}`, BOTH],
    ["through a variable", `main=${SSHD}\ncat > "$main" <<'EOF'\nPort 22\nEOF`, BOTH],
    ["by write_files", writeFile("Port 22\nPermitRootLogin no\n"), PASSWORDS],
    [
      "with PasswordAuthentication no only inside a Match block",
      `cat > ${SSHD} <<'EOF'\nPermitRootLogin no\nMatch User ops\n  PasswordAuthentication no\nEOF`,
      PASSWORDS,
    ],
    [
      "after hardening was appended to the old one",
      `printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' >> ${SSHD}\necho 'Port 2222' > ${SSHD}`,
      BOTH,
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["with both set to no", `cat > ${SSHD} <<'EOF'\nPort 22\nPasswordAuthentication no\nPermitRootLogin no\nEOF`],
    ["with the Include of the drop-ins", `printf 'Include /etc/ssh/sshd_config.d/*.conf\\nPort 2222\\n' > ${SSHD}`],
    [
      "then hardened by appends",
      `echo 'Port 2222' > ${SSHD}\nprintf 'PasswordAuthentication no\\nPermitRootLogin no\\n' >> ${SSHD}`,
    ],
    ["by write_files, hardened", writeFile("PasswordAuthentication no\nPermitRootLogin no\n")],
    ["by write_files with append", writeFile("AllowUsers ops\n", "    append: true\n")],
    [
      "by write_files, then the Include put back first (the kit's hardening script)",
      `${writeFile("Port 22\n")}runcmd:\n  - sed -i '1i Include /etc/ssh/sshd_config.d/*.conf' ${SSHD}\n`,
    ],
    ["tee -a appends", `tee -a ${SSHD} > /dev/null <<'EOF'\nAllowUsers ops\nEOF`],
    ["a drop-in replaced", "echo 'Port 2222' > /etc/ssh/sshd_config.d/01-port.conf"],
    // Text the script does not spell out is not guessed: the old file edited, what follows exec.
    ["the old text written back", `CONTENT=$(sed 's/^#Port 22/Port 2222/' ${SSHD})\necho "$CONTENT" > ${SSHD}`],
    ["exec's redirection", `exec > ${SSHD}\nprintf 'Port 22\\n'`],
    ["a backup", `cat ${SSHD} > ${SSHD}.bak`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  // What a template sets is decided outside the script: unverifiable, never a pass and never a violation.
  it("a template is a note: its text comes from outside the script", () => {
    const text = `envsubst < /opt/sshd_config.tmpl > ${SSHD}`;
    expect(fromOutside(text, "/opt/sshd_config.tmpl")).toEqual(sshdNotesFrom("/opt/sshd_config.tmpl"));
  });

  it("a weak value the new text writes is reported as itself, not again as left to the default", () => {
    const found = findLoginWeaknesses(`cat > ${SSHD} <<'EOF'\nPasswordAuthentication no\nPermitRootLogin yes\nEOF`);
    expect(found).toEqual([{ kind: "root-login", line: "PermitRootLogin yes" }]);
  });

  it("says what replacing it does", () => {
    const [found] = findLoginWeaknesses(`echo 'Port 2222' > ${SSHD}`);
    expect(found.line).toBe(`echo 'Port 2222' > ${SSHD}`);
    expect(found.note).toMatch(
      /^replaces sshd_config: without "PasswordAuthentication no" or an Include of the drop-ins/,
    );
  });
});
