// sshd's configuration replaced with text the script does not see, or hardened drop-ins replaced in forms the drop-in
// check missed: a file of sshd's folder the script did not write copied over sshd_config, an echo piped to tee over a
// hardened drop-in, a file the script spelt copied over one, and names relative to the drop-ins' folder after `cd`.
import { hardenedSshdConfig } from "../../components/plan/sshd";
import { findLoginWeaknesses } from "../../lib/userdata";
import { KIT, PW, SSHD, verdicts } from "./userdata-sshd-fixtures";

const DIR = "/etc/ssh/sshd_config.d";
const UBUNTU = `${DIR}/60-cloudimg-settings.conf`;
const ROOT = "root-login";
const KIT_TEXT = hardenedSshdConfig({ allowUsers: ["ec2-user"] });

describe("a file of sshd's folder the script did not write, copied over sshd's configuration", () => {
  it.each<[string, string, string[]]>([
    ["cp of another file of /etc/ssh", `cp /etc/ssh/x ${SSHD}`, [`${PW}?`, `${ROOT}?`]],
    ["mv of a package's new copy", `mv ${SSHD}.rpmnew ${SSHD}`, [`${PW}?`, `${ROOT}?`]],
    ["a backup the script did not make", `cp ${SSHD}.bak ${SSHD}`, [`${PW}?`, `${ROOT}?`]],
    ["install of another file", `install -m 600 /etc/ssh/sshd_config.custom ${SSHD}`, [`${PW}?`, `${ROOT}?`]],
    ["relative, standing in /etc/ssh", "cd /etc/ssh\ncp x sshd_config", [`${PW}?`, `${ROOT}?`]],
    ["onto another drop-in", `cp /etc/ssh/x ${DIR}/10-x.conf`, [`${PW}?`, `${ROOT}?`]],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it("the note names the file copied", () => {
    const [first] = findLoginWeaknesses(`cp /etc/ssh/x ${SSHD}`);
    expect(first.note).toBe(`replaces ${SSHD} with /etc/ssh/x, whose text comes from outside the script`);
  });

  it.each<[string, string]>([
    ["a backup made", `cp ${SSHD} ${SSHD}.bak`],
    ["a backup the script made from stock, put back", `cp ${SSHD} ${SSHD}.bak\ncp ${SSHD}.bak ${SSHD}`],
    [
      "a backup moved back",
      `cp -a ${SSHD} ${SSHD}.orig\nsed -i 's/^#Port 22/Port 2222/' ${SSHD}\nmv ${SSHD}.orig ${SSHD}`,
    ],
    ["the distribution's stock file", `cp /usr/share/openssh/sshd_config ${SSHD}`],
    ["SUSE's vendor copy", `cp /usr/etc/ssh/sshd_config ${SSHD}`],
    ["a file of /etc/ssh copied elsewhere", "cp /etc/ssh/x /opt/x"],
    ["a host key copied within /etc/ssh", "cp /etc/ssh/ssh_host_ed25519_key /etc/ssh/ssh_host_ed25519_key.bak"],
  ])("%s is silent", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it("a file the script wrote into /etc/ssh is read as its text", () => {
    // Its text is the script's: a sshd_config without the Include or the hardening, reported as a rewrite.
    expect(verdicts(`echo 'Port 22' > /etc/ssh/x\ncp /etc/ssh/x ${SSHD}`)).toEqual([PW, ROOT]);
    expect(
      verdicts(
        `printf 'Include ${DIR}/*.conf\\nPasswordAuthentication no\\nPermitRootLogin no\\n' > /etc/ssh/x\ncp /etc/ssh/x ${SSHD}`,
      ),
    ).toEqual([]);
  });
});

describe("a hardened drop-in replaced by an echo or printf piped to tee", () => {
  it.each<[string, string, string[]]>([
    ["echo | tee", `echo "UseDNS no" | tee ${KIT}`, [PW, ROOT]],
    ["echo | sudo tee", `echo "UseDNS no" | sudo tee ${KIT}`, [PW, ROOT]],
    ["echo | tee > /dev/null", `echo "UseDNS no" | tee ${KIT} > /dev/null`, [PW, ROOT]],
    ["printf | tee", `printf 'UseDNS no\\n' | tee ${KIT}`, [PW, ROOT]],
    ["echo of a comment | tee", `echo "# managed" | tee ${KIT}`, [PW, ROOT]],
    ["only PermitRootLogin no: passwords fall back", `echo "PermitRootLogin no" | tee ${KIT}`, [PW]],
    ["only PasswordAuthentication no: root falls back", `echo "PasswordAuthentication no" | tee ${KIT}`, [ROOT]],
    ["Ubuntu's", `echo "UseDNS no" | tee ${UBUNTU}`, [PW]],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it("quotes the pipeline with the kit's note", () => {
    const line = `echo "UseDNS no" | tee ${KIT}`;
    const found = findLoginWeaknesses(line);
    expect(found.map((w) => w.line)).toEqual([line, line]);
    expect(found[0].note).toContain("takes the kit's hardened drop-in");
  });

  it.each<[string, string]>([
    ["both kept", `printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' | tee ${KIT}`],
    ["both kept, echo -e", `echo -e "PasswordAuthentication no\\nPermitRootLogin no" | sudo tee ${KIT}`],
    ["appended: tee -a", `echo "UseDNS no" | tee -a ${KIT}`],
    ["appended: tee --append", `echo "UseDNS no" | sudo tee --append ${KIT}`],
    ["another drop-in", `echo "UseDNS no" | tee ${DIR}/10-dns.conf`],
    ["Ubuntu's, PasswordAuthentication no kept", `echo "PasswordAuthentication no" | tee ${UBUNTU}`],
    [
      "rewritten, then the rest set again in another drop-in",
      `echo "UseDNS no" | tee ${KIT}\nprintf 'PasswordAuthentication no\\nPermitRootLogin no\\n' > ${DIR}/01-mine.conf`,
    ],
  ])("%s is silent", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });
});

describe("a hardened drop-in replaced by a copy of a file the script spelt", () => {
  it.each<[string, string, string[]]>([
    ["echo into /tmp, copied over", `echo "UseDNS no" > /tmp/x.conf\ncp /tmp/x.conf ${KIT}`, [PW, ROOT]],
    ["a here-document, copied over", `cat > /tmp/x.conf <<'EOF'\nUseDNS no\nEOF\ncp /tmp/x.conf ${KIT}`, [PW, ROOT]],
    [
      "PasswordAuthentication no only, moved over",
      `echo "PasswordAuthentication no" > /tmp/x.conf\nmv /tmp/x.conf ${KIT}`,
      [ROOT],
    ],
    ["install over Ubuntu's", `echo "UseDNS no" > /tmp/x.conf\ninstall -m 644 /tmp/x.conf ${UBUNTU}`, [PW]],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    [
      "both kept",
      `cat > /tmp/x.conf <<'EOF'\nPasswordAuthentication no\nPermitRootLogin no\nEOF\ncp /tmp/x.conf ${KIT}`,
    ],
    ["the kit's whole text", `cat > /tmp/x.conf <<'EOF'\n${KIT_TEXT}EOF\ncp /tmp/x.conf ${KIT}`],
    ["copied to another drop-in", `echo "UseDNS no" > /tmp/x.conf\ncp /tmp/x.conf ${DIR}/10-dns.conf`],
    ["the drop-in backed up and put back", `cp ${KIT} /tmp/kit.bak\ncp /tmp/kit.bak ${KIT}`],
  ])("%s is silent", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });
});

describe("names relative to the drop-ins' folder after cd", () => {
  const IN_DIR = `cd ${DIR}\n`;
  it.each<[string, string, string[]]>([
    ["a weak drop-in written", `${IN_DIR}echo "PasswordAuthentication yes" > 01-pw.conf`, [PW]],
    ["after cd … &&", `cd ${DIR} && echo "PermitRootLogin yes" > 01-root.conf`, [ROOT]],
    ["the kit's removed", `${IN_DIR}rm 00-hardening-kit.conf`, [PW, ROOT]],
    ["the kit's written over by echo", `${IN_DIR}echo "UseDNS no" > 00-hardening-kit.conf`, [PW, ROOT]],
    ["the kit's written over, ./ spelt", `${IN_DIR}echo "UseDNS no" > ./00-hardening-kit.conf`, [PW, ROOT]],
    [
      "the kit's written over by a here-document",
      `${IN_DIR}cat > 00-hardening-kit.conf <<'EOF'\nUseDNS no\nEOF`,
      [PW, ROOT],
    ],
    ["the kit's written over by tee", `${IN_DIR}echo "UseDNS no" | tee 00-hardening-kit.conf`, [PW, ROOT]],
    ["the kit's written over by a copy", `${IN_DIR}cp /etc/ssh/x.conf 00-hardening-kit.conf`, [`${PW}?`, `${ROOT}?`]],
    [
      "Ubuntu's written over, after cd from /etc/ssh",
      `cd /etc/ssh\ncd sshd_config.d\necho > 60-cloudimg-settings.conf`,
      [PW],
    ],
  ])("%s", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["another drop-in written", `${IN_DIR}echo "UseDNS no" > 10-dns.conf`],
    ["the kit's appended to", `${IN_DIR}echo "UseDNS no" >> 00-hardening-kit.conf`],
    ["the kit's backed up", `${IN_DIR}cp 00-hardening-kit.conf 00-hardening-kit.conf.bak`],
    [
      "the kit's written whole",
      `${IN_DIR}printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' > 00-hardening-kit.conf`,
    ],
    ["the same name elsewhere", `cd /opt/app\necho "UseDNS no" > 00-hardening-kit.conf`],
    ["a name that only ends like it", `${IN_DIR}echo "UseDNS no" > x00-hardening-kit.conf`],
  ])("%s is silent", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });
});
