import { hardenedSshdConfig } from "../../components/plan/sshd";
import { findLoginWeaknesses } from "../../lib/userdata";

/** Each finding's kind, `?` after an unverifiable one, sorted. */
const verdicts = (text: string) =>
  [...new Set(findLoginWeaknesses(text).map((w) => `${w.kind}${w.unverifiable ? "?" : ""}`))].sort();
const SSHD = "/etc/ssh/sshd_config";
const DIR = "/etc/ssh/sshd_config.d";
const KIT = `${DIR}/00-hardening-kit.conf`;
const UBUNTU = `${DIR}/60-cloudimg-settings.conf`;
const PW = "password-authentication";
const ROOT = "root-login";
/** The kit's own drop-in, as components/plan/sshd.ts writes it. */
const KIT_TEXT = hardenedSshdConfig({ allowUsers: ["ec2-user"] });
const writeFiles = (path: string, content: string) =>
  `#cloud-config\nwrite_files:\n  - path: ${path}\n    content: ${JSON.stringify(content)}\n`;

describe("a hardened drop-in written over with other text", () => {
  it.each<[string, string, string[]]>([
    ["echo of nothing", `echo > ${KIT}`, [PW, ROOT]],
    ['echo ""', `echo "" > ${KIT}`, [PW, ROOT]],
    ["echo -n", `echo -n > ${KIT}`, [PW, ROOT]],
    ['printf ""', `printf "" > ${KIT}`, [PW, ROOT]],
    ["a comment", `echo "# managed" > ${KIT}`, [PW, ROOT]],
    ["another directive", `echo "UseDNS no" > ${KIT}`, [PW, ROOT]],
    ["cat /dev/null", `cat /dev/null > ${KIT}`, [PW, ROOT]],
    ["cat < /dev/null", `cat < /dev/null > ${KIT}`, [PW, ROOT]],
    ["dd from /dev/null", `dd if=/dev/null of=${KIT}`, [PW, ROOT]],
    ["tee fed /dev/null", `tee ${KIT} < /dev/null`, [PW, ROOT]],
    ["write_files with a comment", writeFiles(KIT, "# managed"), [PW, ROOT]],
    ["only PasswordAuthentication no: root login falls back", `echo "PasswordAuthentication no" > ${KIT}`, [ROOT]],
    ["only PermitRootLogin no: passwords fall back", `echo "PermitRootLogin no" > ${KIT}`, [PW]],
    [
      "a here-document with PasswordAuthentication no only",
      `cat > ${KIT} <<'EOF'\nPasswordAuthentication no\nEOF`,
      [ROOT],
    ],
    ["write_files with PermitRootLogin no only", writeFiles(KIT, "PermitRootLogin no\n"), [PW]],
    ["Ubuntu's, echo of nothing", `echo > ${UBUNTU}`, [PW]],
    ["Ubuntu's, a comment", `echo "# managed" > ${UBUNTU}`, [PW]],
    ["Ubuntu's, cat /dev/null", `cat /dev/null > ${UBUNTU}`, [PW]],
    ["Ubuntu's, dd from /dev/null", `dd if=/dev/null of=${UBUNTU}`, [PW]],
    ["Ubuntu's, tee fed /dev/null", `tee ${UBUNTU} < /dev/null`, [PW]],
    ["Ubuntu's, PermitRootLogin no only", `echo "PermitRootLogin no" > ${UBUNTU}`, [PW]],
    ["Ubuntu's, write_files with a comment", writeFiles(UBUNTU, "# managed"), [PW]],
    // A copy of a file the script does not write: what it holds is decided outside the script.
    ["a copy of its .dpkg-dist", `cp ${KIT}.dpkg-dist ${KIT}`, [`${PW}?`, `${ROOT}?`]],
    ["its .orig moved over it", `mv ${KIT}.orig ${KIT}`, [`${PW}?`, `${ROOT}?`]],
    ["a backup copied into the folder", `cp /etc/ssh/backup/00-hardening-kit.conf ${DIR}/`, [`${PW}?`, `${ROOT}?`]],
    ["Ubuntu's, a copy of its .dpkg-dist", `cp ${UBUNTU}.dpkg-dist ${UBUNTU}`, [`${PW}?`]],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    [
      "both directives set to no again by printf",
      `printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' > ${KIT}`,
    ],
    ["both set to no by echo -e", `echo -e "PasswordAuthentication no\\nPermitRootLogin no" > ${KIT}`],
    ["the kit's whole text in a here-document", `cat > ${KIT} <<'EOF'\n${KIT_TEXT}EOF`],
    ["the kit's whole text by write_files", writeFiles(KIT, KIT_TEXT)],
    [
      "rewritten, then the rest appended",
      `echo "PasswordAuthentication no" > ${KIT}\necho "PermitRootLogin no" >> ${KIT}`,
    ],
    [
      "emptied, then hardening set in another drop-in and sshd_config",
      `echo > ${KIT}\necho "PermitRootLogin no" > ${DIR}/01-mine.conf\necho "PasswordAuthentication no" >> ${SSHD}`,
    ],
    ["Ubuntu's, PasswordAuthentication no again", `echo "PasswordAuthentication no" > ${UBUNTU}`],
    ["appended to", `echo "UseDNS no" >> ${KIT}`],
    ["appended to Ubuntu's", `echo "# managed" >> ${UBUNTU}`],
    ["another drop-in written", `echo "UseDNS no" > ${DIR}/10-other.conf`],
    ["another drop-in by write_files", writeFiles(`${DIR}/10-other.conf`, "# managed")],
    ["dd without truncating", `dd if=/dev/null of=${KIT} conv=notrunc`],
    ["a copy of it as a backup", `cp ${KIT} ${KIT}.bak`],
  ])("%s is safe", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });
});

describe("truncate", () => {
  it.each<[string, string, string[]]>([
    ["sshd_config to 0", `truncate -s 0 ${SSHD}`, [PW, ROOT]],
    ["sshd_config, --size=0", `truncate --size=0 ${SSHD}`, [PW, ROOT]],
    ["sshd_config, -s0", `truncate -s0 ${SSHD}`, [PW, ROOT]],
    ["sshd_config, at most 0", `truncate -s '<0' ${SSHD}`, [PW, ROOT]],
    // Cut to a size that depends on its text: the image's hardened line may go, as with a deletion it cannot place.
    ["sshd_config cut by 10", `truncate -s -10 ${SSHD}`, [`${PW}?`]],
    ["sshd_config to at most 10", `truncate -s '<10' ${SSHD}`, [`${PW}?`]],
    ["sshd_config to 100 bytes", `truncate -s 100 ${SSHD}`, [`${PW}?`]],
    // The kit's drop-in is small: 100 bytes end inside "PasswordAuthentication no" (its third line).
    ["the kit's drop-in to 100 bytes", `truncate -s 100 ${KIT}`, [PW, ROOT]],
    ["the kit's drop-in cut by 10", `truncate -s -10 ${KIT}`, [PW, ROOT]],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["sshd_config grown", `truncate -s +100 ${SSHD}`],
    ["sshd_config to at least 100", `truncate -s '>100' ${SSHD}`],
    ["the kit's drop-in grown", `truncate -s +100 ${KIT}`],
    ["the kit's drop-in to at least 1K", `truncate -s '>1K' ${KIT}`],
    ["Ubuntu's rounded up", `truncate -s %4K ${UBUNTU}`],
    ["sshd_config emptied, then written whole", `truncate -s 0 ${SSHD}\necho "Include ${DIR}/*.conf" >> ${SSHD}`],
  ])("%s is safe", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it("the kit's drop-in has PasswordAuthentication no across byte 100", () => {
    expect(KIT_TEXT.indexOf("PasswordAuthentication no")).toBeLessThan(100);
    expect(KIT_TEXT.indexOf("PasswordAuthentication no") + "PasswordAuthentication no".length).toBeGreaterThan(100);
  });
});
