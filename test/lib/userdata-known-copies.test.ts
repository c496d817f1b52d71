// A file whose whole text the script spells (an echo, printf, here-document, a copy of one; write_files' content),
// copied onto sshd's configuration or the account files, is read as if written there: over sshd_config itself it is
// a rewrite (what it leaves out is sshd's default), onto a drop-in its settings are the drop-in's, onto the account
// files its password lines set passwords. cloud-init runs all of runcmd (and all of bootcmd) as one script, so a file
// written by one entry and copied by the next is the script's own.
import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";
import { maskShellPasswords } from "../../lib/userdata-password-masks";

const SSHD = "/etc/ssh/sshd_config";
const DROP_IN = "/etc/ssh/sshd_config.d/50-app.conf";
const BOTH: LoginWeaknessKind[] = ["password-authentication", "root-login"];
const REWRITE = "replaces sshd_config: without";
const OUTSIDE = "whose text comes from outside the script";
const SHADOW_LINE = "root:$6$salt$hash:19000:0:99999:7:::";
const HARDENED = "printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' > /tmp/c";

/** Each finding as `kind?` (unverifiable) or `kind`, the line it quotes, and why: a rewrite, text from outside. */
const found = (text: string) =>
  findLoginWeaknesses(text)
    .map((w) => {
      const why = w.note?.startsWith(REWRITE) ? " (rewrite)" : w.note?.endsWith(OUTSIDE) ? " (outside)" : "";
      return `${w.kind}${w.unverifiable ? "?" : ""} ${w.line}${why}`;
    })
    .sort();
/** The rewrite's findings for a line replacing sshd_config with text that sets neither directive. */
const rewrite = (line: string, kinds = BOTH) => kinds.map((k) => `${k} ${line} (rewrite)`);
/** The unverifiable findings for a line filling a file with text from outside the script. */
const outside = (line: string, kinds = BOTH) => kinds.map((k) => `${k}? ${maskShellPasswords(line)} (outside)`);
/** A cloud-config running `runcmd` (and `bootcmd`, when given) entries, each a shell string. */
const cloudConfig = (runcmd: string[], bootcmd: string[] = []) => {
  const list = (key: string, entries: string[]) =>
    entries.length === 0 ? "" : `${key}:\n${entries.map((e) => `  - ${JSON.stringify(e)}\n`).join("")}`;
  return `#cloud-config\n${list("bootcmd", bootcmd)}${list("runcmd", runcmd)}`;
};

describe("known text copied over sshd_config itself is a rewrite", () => {
  it.each<[string, string]>([
    ["cp", `cp /tmp/c ${SSHD}`],
    ["cp -f", `cp -f /tmp/c ${SSHD}`],
    ["sudo cp", `sudo cp /tmp/c ${SSHD}`],
    ["cp run by bash -c", `bash -c 'cp /tmp/c ${SSHD}'`],
    ["install with a mode", `install -m 600 /tmp/c ${SSHD}`],
    ["mv", `mv /tmp/c ${SSHD}`],
    ["cat redirected", `cat /tmp/c > ${SSHD}`],
    ["cat reading it through <", `cat < /tmp/c > ${SSHD}`],
    ["cat piped to tee", `cat /tmp/c | tee ${SSHD} > /dev/null`],
    ["tee reading it through <", `tee ${SSHD} < /tmp/c > /dev/null`],
    ["dd", `dd if=/tmp/c of=${SSHD} status=none`],
    ["cp into the folder under its own name", "cp /tmp/sshd_config /etc/ssh/"],
  ])("%s of a file leaving both directives to sshd's default", (_name, line) => {
    const written = line.includes("/tmp/sshd_config") ? "/tmp/sshd_config" : "/tmp/c";
    expect(found(`echo 'Port 2222' > ${written}\n${line}`)).toEqual(rewrite(line));
  });

  it.each<[string, string, string]>([
    ["a here-document's file", "cat > /tmp/c <<'EOF'\nPort 2222\nEOF", `cp /tmp/c ${SSHD}`],
    ["a copy of a copy", "echo 'Port 2222' > /tmp/a\ncp /tmp/a /tmp/b", `cp /tmp/b ${SSHD}`],
    ["two files cat joins", "echo 'Port 2222' > /tmp/a\necho 'UseDNS no' > /tmp/b", `cat /tmp/a /tmp/b > ${SSHD}`],
    ["a file written where the script stands", "cd /root\necho 'Port 2222' > new.conf", `cp new.conf ${SSHD}`],
    ["onto the name where the script stands", "echo 'Port 2222' > /tmp/c\ncd /etc/ssh", "cp /tmp/c sshd_config"],
  ])("%s", (_name, before, line) => {
    expect(found(`${before}\n${line}`)).toEqual(rewrite(line));
  });

  it("a weak setting in the text is reported as written to sshd_config, the other directive as the rewrite's", () => {
    const line = `cp /tmp/c ${SSHD}`;
    expect(found(`echo 'PasswordAuthentication yes' > /tmp/c\n${line}`)).toEqual([
      "password-authentication PasswordAuthentication yes",
      ...rewrite(line, ["root-login"]),
    ]);
  });

  it("is judged as a direct write of the same text is", () => {
    const kinds = (text: string) => findLoginWeaknesses(text).map((w) => `${w.kind}${w.unverifiable ? "?" : ""}`);
    const direct = kinds(`cat > ${SSHD} <<'EOF'\nPasswordAuthentication yes\nUseDNS no\nEOF`);
    const copied = kinds(`cat > /tmp/c <<'EOF'\nPasswordAuthentication yes\nUseDNS no\nEOF\ncp /tmp/c ${SSHD}`);
    expect(copied.sort()).toEqual(direct.sort());
    expect(copied).toEqual(expect.arrayContaining(BOTH));
  });

  it.each<[string, string]>([
    ["both directives set to no", `${HARDENED}\ncp /tmp/c ${SSHD}`],
    ["onto a backup's name, which sshd does not read", `echo 'Port 2222' > /tmp/c\ncp /tmp/c ${SSHD}.bak`],
    ["installed", `${HARDENED}\ninstall -m 600 -o root /tmp/c ${SSHD}`],
    ["through cat", `${HARDENED}\ncat /tmp/c > ${SSHD}`],
    ["an Include of the drop-ins", `echo 'Include /etc/ssh/sshd_config.d/*.conf' > /tmp/c\ncp /tmp/c ${SSHD}`],
    [
      "copied twice, the same text both times",
      `${HARDENED}\ncp /tmp/c ${SSHD}\nsystemctl reload sshd\nmv /tmp/c ${SSHD}`,
    ],
    [
      "the missing directive set to no in sshd_config after it",
      `echo 'PasswordAuthentication no' > /tmp/c\ncp /tmp/c ${SSHD}\necho 'PermitRootLogin no' >> ${SSHD}`,
    ],
  ])("%s: no finding", (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it("in a boot script written for later, quoted with where it was written", () => {
    const line = `cp /tmp/c ${SSHD}`;
    const weaknesses = findLoginWeaknesses(`cat > /etc/rc.local <<'EOF'\necho 'Port 2222' > /tmp/c\n${line}\nEOF`);
    expect(weaknesses.map((w) => `${w.kind} ${w.line} via ${w.via}`).sort()).toEqual(
      BOTH.map((k) => `${k} ${line} via /etc/rc.local`),
    );
  });

  it("clears text from outside copied there before it, as a rewrite does", () => {
    expect(found(`curl -o ${SSHD} https://x/c\n${HARDENED}\ncp /tmp/c ${SSHD}`)).toEqual([]);
  });
});

describe("known text copied onto a drop-in is read as the drop-in's", () => {
  const WEAK = "echo 'PasswordAuthentication yes' > /tmp/c";

  it.each<[string, string]>([
    ["cp", `cp /tmp/c ${DROP_IN}`],
    ["install", `install -D -m 644 /tmp/c ${DROP_IN}`],
    ["mv", `mv /tmp/c ${DROP_IN}`],
    ["cat redirected", `cat /tmp/c > ${DROP_IN}`],
    ["dd", `dd if=/tmp/c of=${DROP_IN}`],
    ["cat piped to tee", `cat /tmp/c | sudo tee ${DROP_IN}`],
  ])("%s: its weak setting is reported as a here-document's to the drop-in is", (_name, line) => {
    const direct = found(`cat > ${DROP_IN} <<'EOF'\nPasswordAuthentication yes\nEOF`);
    expect(direct).toEqual(["password-authentication PasswordAuthentication yes"]);
    expect(found(`${WEAK}\n${line}`)).toEqual(direct);
  });

  it.each<[string, string]>([
    ["both directives set to no", `${HARDENED}\ncp /tmp/c ${DROP_IN}`],
    ["moved", `${HARDENED}\nmv /tmp/c ${DROP_IN}`],
    ["a setting sshd reads elsewhere", `echo 'ClientAliveInterval 300' > /tmp/c\ncp /tmp/c ${DROP_IN}`],
  ])("%s is no finding", (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it("its hardened text undoes taking the kit's drop-in away", () => {
    const text = `rm -f /etc/ssh/sshd_config.d/00-hardening-kit.conf\n${HARDENED}\ncp /tmp/c ${DROP_IN}`;
    expect(found(text)).toEqual([]);
  });
});

describe("known text copied onto the account files is read for passwords", () => {
  const masked = maskShellPasswords(SHADOW_LINE);

  it.each<[string, string]>([
    ["cp over shadow", "cp /tmp/s /etc/shadow"],
    ["install over shadow", "install -m 640 -g shadow /tmp/s /etc/shadow"],
    ["mv over shadow", "mv /tmp/s /etc/shadow"],
    ["cat redirected", "cat /tmp/s > /etc/shadow"],
    ["cat appended", "cat /tmp/s >> /etc/shadow"],
    ["tee -a", "cat /tmp/s | tee -a /etc/shadow > /dev/null"],
    ["dd", "dd if=/tmp/s of=/etc/shadow"],
  ])("%s sets a password, as writing the line there does", (_name, line) => {
    const direct = found(`echo '${SHADOW_LINE}' >> /etc/shadow`);
    expect(direct).toEqual([`password-set ${masked}`]);
    expect(found(`echo '${SHADOW_LINE}' > /tmp/s\n${line}`)).toEqual(direct);
  });

  it("a hash in passwd's second field, copied, sets a password", () => {
    const text = "echo 'admin:$6$salt$hash:0:0::/root:/bin/bash' > /tmp/p\ncp /tmp/p /etc/passwd";
    expect(found(text)).toEqual([`password-set ${maskShellPasswords("admin:$6$salt$hash:0:0::/root:/bin/bash")}`]);
  });

  it.each<[string, string]>([
    ["`*`", "root:*:19000:0:99999:7:::"],
    ["`!`", "root:!:19000:0:99999:7:::"],
    ["a hash behind `!` (passwd -l)", "root:!$6$salt$hash:19000:0:99999:7:::"],
    ["`!!`", "svc:!!:19000::::::"],
  ])("a locked entry (%s) copied sets none, as written directly", (_name, entry) => {
    expect(found(`echo '${entry}' >> /etc/shadow`)).toEqual([]);
    expect(found(`echo '${entry}' > /tmp/s\ncp /tmp/s /etc/shadow`)).toEqual([]);
  });

  it("passwd's `x` copied sets none", () => {
    expect(found("echo 'app:x:1001:1001::/home/app:/bin/sh' > /tmp/p\ncat /tmp/p >> /etc/passwd")).toEqual([]);
  });

  // A link shows its target's text; a symbolic link's relative target is named from the link's folder.
  it.each<[string, string, string]>([
    ["a symbolic link onto shadow", "/tmp/s", "ln -s /tmp/s /etc/shadow"],
    ["forced, no target folder", "/tmp/s", "ln -sfT /tmp/s /etc/shadow"],
    ["a hard link", "/tmp/s", "ln -f /tmp/s /etc/shadow"],
    ["a relative target in the link's folder", "/etc/shadow.new", "cd /opt\nln -s shadow.new /etc/shadow"],
    ["a relative target climbing from the link's folder", "/opt/s", "cd /root\nln -s ../opt/s /etc/shadow"],
    ["a relative target ln -r names from where the script stands", "/opt/s", "cd /opt\nln -sr s /etc/shadow"],
  ])("%s sets a password, as writing the line there does", (_name, file, line) => {
    expect(found(`echo '${SHADOW_LINE}' > ${file}\n${line}`)).toEqual([`password-set ${masked}`]);
  });

  it.each<[string, string]>([
    ["a locked entry linked", "echo 'root:!:19000:0:99999:7:::' > /tmp/s\nln -s /tmp/s /etc/shadow"],
    ["a link elsewhere", `echo '${SHADOW_LINE}' > /tmp/s\nln -s /tmp/s /opt/shadow`],
  ])("%s sets none", (_name, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe("a link onto sshd's files, to a file the script wrote, is judged by that file's text", () => {
  const WEAK_LINE = "PasswordAuthentication yes";
  const weak = [`password-authentication ${WEAK_LINE}`];

  it.each<[string, string]>([
    ["onto a drop-in", `ln -s /opt/c ${DROP_IN}`],
    ["a hard link onto a drop-in", `ln -f /opt/c ${DROP_IN}`],
    ["forced, no target folder, onto a drop-in", `ln -sfT /opt/c ${DROP_IN}`],
  ])("%s: its weak setting is reported once", (_name, line) => {
    expect(found(`echo '${WEAK_LINE}' > /opt/c\n${line}`)).toEqual(weak);
  });

  it("its hardened text is no finding", () => {
    expect(found(`${HARDENED}\nln -s /tmp/c ${DROP_IN}`)).toEqual([]);
  });
});

// A link over sshd_config replaces it as a copy does: what its target leaves out is sshd's default.
describe("a link over sshd_config itself, to a file the script wrote, is a rewrite", () => {
  it.each<[string, string, string]>([
    ["a symbolic link", "/tmp/c", `ln -sf /tmp/c ${SSHD}`],
    ["forced, no target folder", "/tmp/c", `ln -sfT /tmp/c ${SSHD}`],
    ["a long option", "/tmp/c", `ln --symbolic --force /tmp/c ${SSHD}`],
    ["a hard link", "/tmp/c", `ln -f /tmp/c ${SSHD}`],
    ["sudo", "/tmp/c", `sudo ln -sf /tmp/c ${SSHD}`],
    ["a relative target in the link's folder", "/etc/ssh/new.conf", `cd /opt\nln -sf new.conf ${SSHD}`],
    ["a relative target climbing from the link's folder", "/opt/c", `cd /root\nln -sf ../../opt/c ${SSHD}`],
    ["a relative target ln -r names from where the script stands", "/opt/c", `cd /opt\nln -sfr c ${SSHD}`],
    ["onto the name where the script stands", "/tmp/c", "cd /etc/ssh\nln -sf /tmp/c sshd_config"],
  ])("%s of a file leaving both directives to sshd's default", (_name, file, link) => {
    const line = link.split("\n").pop() as string;
    expect(found(`echo 'Port 2222' > ${file}\n${link}`)).toEqual(rewrite(line));
  });

  it("a weak setting in the text is reported once, as the copy's is, the other directive as the rewrite's", () => {
    const line = `ln -sf /opt/c ${SSHD}`;
    const weakText = "echo 'PasswordAuthentication yes' > /opt/c";
    const expected = ["password-authentication PasswordAuthentication yes", ...rewrite(line, ["root-login"])];
    expect(found(`${weakText}\n${line}`)).toEqual(expected);
    expect(found(`${weakText}\ncp /opt/c ${SSHD}`)).toEqual([
      expected[0],
      ...rewrite(`cp /opt/c ${SSHD}`, ["root-login"]),
    ]);
  });

  it("a weak setting written to the target after the link lands in sshd_config", () => {
    const text = `${HARDENED}\nln -sf /tmp/c ${SSHD}\necho 'PasswordAuthentication yes' >> /tmp/c`;
    expect(found(text)).toEqual(["password-authentication PasswordAuthentication yes"]);
  });

  it.each<[string, string]>([
    ["both directives set to no", `${HARDENED}\nln -sf /tmp/c ${SSHD}`],
    ["a hard link of hardened text", `${HARDENED}\nln -f /tmp/c ${SSHD}`],
    ["an Include of the drop-ins kept", `echo 'Include /etc/ssh/sshd_config.d/*.conf' > /tmp/c\nln -sf /tmp/c ${SSHD}`],
    [
      "the missing directives set to no in sshd_config after it",
      `echo 'Port 2222' > /tmp/c\nln -sf /tmp/c ${SSHD}\necho 'PasswordAuthentication no' >> ${SSHD}\necho 'PermitRootLogin no' >> ${SSHD}`,
    ],
    [
      "clearing text from outside linked there before it",
      `curl -o ${SSHD} https://x/c\n${HARDENED}\nln -sf /tmp/c ${SSHD}`,
    ],
    ["a link elsewhere", `echo 'Port 2222' > /tmp/c\nln -sf /tmp/c ${SSHD}.bak`],
  ])("%s: no finding", (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it("an Include of the drop-ins kept is judged as the copy of it is", () => {
    const include = "echo 'Include /etc/ssh/sshd_config.d/*.conf' > /tmp/c";
    expect(found(`${include}\nln -sf /tmp/c ${SSHD}`)).toEqual(found(`${include}\ncp /tmp/c ${SSHD}`));
  });

  it.each<[string, string]>([
    ["a file the script did not write", ""],
    ["a download", "curl -o /tmp/c https://x/c\n"],
    ["known text written over with unknown text", 'echo "PasswordAuthentication $X" > /tmp/c\n'],
  ])("to %s cannot be verified", (_name, before) => {
    const line = `ln -sf /tmp/c ${SSHD}`;
    expect(found(`${before}${line}`)).toEqual(outside(line));
  });
});

describe("unknown at preview", () => {
  it.each<[string, string, string, LoginWeaknessKind[]]>([
    ["a variable the script does not set, over sshd_config", 'echo "PasswordAuthentication $X" > /tmp/c', SSHD, BOTH],
    ["a variable the script does not set, onto a drop-in", 'echo "PermitRootLogin $MODE" > /tmp/c', DROP_IN, BOTH],
    ["a hash from a variable", 'echo "root:$HASH:19000:0:99999:7:::" > /tmp/s', "/etc/shadow", ["password-set"]],
    ["a command's output", 'echo "$(cat /opt/x)" > /tmp/c', SSHD, BOTH],
    ["known text downloaded over", "echo 'PasswordAuthentication no' > /tmp/c\ncurl -o /tmp/c https://x/c", SSHD, BOTH],
    [
      "known text written over with unknown text",
      "echo 'PasswordAuthentication no' > /tmp/c\necho \"PasswordAuthentication $X\" > /tmp/c",
      DROP_IN,
      BOTH,
    ],
  ])("%s, copied, cannot be verified", (_name, before, target, kinds) => {
    const line = `cp ${before.includes("/tmp/s") ? "/tmp/s" : "/tmp/c"} ${target}`;
    expect(found(`${before}\n${line}`)).toEqual(outside(line, kinds));
  });
});

describe("runcmd is one script", () => {
  it.each<[string, string[]]>([
    [
      "a file written by one entry, moved onto a drop-in by the next",
      ["echo 'PasswordAuthentication no' > /tmp/c", `mv /tmp/c /etc/ssh/sshd_config.d/50.conf`],
    ],
    ["hardened text copied over sshd_config", [HARDENED, `cp /tmp/c ${SSHD}`]],
    ["a variable set by one entry", ["SRC=/usr/share/openssh/sshd_config", `cp "$SRC" ${SSHD}`]],
    ["a locked account copied", ["echo 'root:*:19000:0:99999:7:::' > /tmp/s", "cp /tmp/s /etc/shadow"]],
  ])("%s is no finding", (_name, runcmd) => {
    expect(found(cloudConfig(runcmd))).toEqual([]);
  });

  it("known text copied over sshd_config by a later entry is a rewrite, quoting that entry", () => {
    const line = `cp /tmp/c ${SSHD}`;
    expect(found(cloudConfig(["echo 'Port 2222' > /tmp/c", "systemctl stop sshd", line]))).toEqual(rewrite(line));
  });

  it("an argv entry copying it", () => {
    const text = `#cloud-config\nruncmd:\n  - "echo 'Port 2222' > /tmp/c"\n  - [cp, /tmp/c, ${SSHD}]\n`;
    expect(found(text)).toEqual(rewrite(`cp /tmp/c ${SSHD}`));
  });

  it("the folder an entry changes to holds for the next", () => {
    const runcmd = ["cd /root", `echo '${SHADOW_LINE}' > s`, "install -m 600 s /etc/shadow"];
    expect(found(cloudConfig(runcmd))).toEqual([`password-set ${maskShellPasswords(SHADOW_LINE)}`]);
  });

  it("a weak drop-in written across entries", () => {
    const runcmd = ["echo 'PasswordAuthentication yes' > /tmp/c", `cp /tmp/c ${DROP_IN}`];
    expect(found(cloudConfig(runcmd))).toEqual(["password-authentication PasswordAuthentication yes"]);
  });

  it("an unset variable in the known file's text cannot be verified", () => {
    const line = `cp /tmp/c ${DROP_IN}`;
    expect(found(cloudConfig(['echo "PasswordAuthentication $PA" > /tmp/c', line]))).toEqual(outside(line));
  });

  it("bootcmd is one script too", () => {
    const line = `cp /tmp/c ${SSHD}`;
    expect(found(cloudConfig([], ["echo 'Port 2222' > /tmp/c", line]))).toEqual(rewrite(line));
  });

  // bootcmd runs first (on every boot), then write_files, then runcmd: the files bootcmd leaves are there for runcmd.
  it.each<[string, string[], string[]]>([
    ["a hardened drop-in bootcmd wrote, copied by runcmd", [HARDENED], [`cp /tmp/c ${DROP_IN}`]],
    ["hardened text bootcmd wrote, copied over sshd_config", [HARDENED], [`cp /tmp/c ${SSHD}`]],
    ["a locked account bootcmd wrote", ["echo 'root:*:19000:0:99999:7:::' > /tmp/s"], ["cp /tmp/s /etc/shadow"]],
    ["a file bootcmd wrote where it stood", ["cd /root", HARDENED.replace("/tmp/c", "c")], [`cp /root/c ${DROP_IN}`]],
  ])("%s is no finding", (_name, bootcmd, runcmd) => {
    expect(found(cloudConfig(runcmd, bootcmd))).toEqual([]);
  });

  it("a weak drop-in bootcmd wrote, copied by runcmd, is judged as written there", () => {
    const bootcmd = ["echo 'PasswordAuthentication yes' > /tmp/c"];
    expect(found(cloudConfig([`cp /tmp/c ${DROP_IN}`], bootcmd))).toEqual([
      "password-authentication PasswordAuthentication yes",
    ]);
  });

  it("account lines bootcmd wrote, copied by runcmd, set a password", () => {
    const text = cloudConfig(["cp /tmp/s /etc/shadow"], [`echo '${SHADOW_LINE}' > /tmp/s`]);
    expect(found(text)).toEqual([`password-set ${maskShellPasswords(SHADOW_LINE)}`]);
  });

  it.each<[string, string[]]>([
    ["downloaded over by bootcmd", [HARDENED, "curl -o /tmp/c https://x/c"]],
    ["written by bootcmd with a variable it does not set", ['echo "PasswordAuthentication $PA" > /tmp/c']],
    ["written by bootcmd with a program's output", ["render-config > /tmp/c"]],
  ])("a file %s, copied by runcmd, cannot be verified", (_name, bootcmd) => {
    const line = `cp /tmp/c ${DROP_IN}`;
    expect(found(cloudConfig([line], bootcmd))).toEqual(outside(line));
  });

  it("write_files runs after bootcmd: its text for the same path is what runcmd copies", () => {
    const files = (content: string) => `write_files:\n  - path: /tmp/c\n    content: ${JSON.stringify(content)}\n`;
    const line = `cp /tmp/c ${DROP_IN}`;
    const config = (bootText: string, filesText: string) =>
      `#cloud-config\nbootcmd:\n  - ${JSON.stringify(`echo '${bootText}' > /tmp/c`)}\n${files(filesText)}runcmd:\n  - ${JSON.stringify(line)}\n`;
    expect(found(config("PasswordAuthentication yes", "PasswordAuthentication no\n"))).toEqual([]);
    expect(found(config("PasswordAuthentication no", "PasswordAuthentication yes\n"))).toEqual([
      "password-authentication PasswordAuthentication yes",
    ]);
  });

  it("bootcmd's variables do not reach runcmd: it is another script", () => {
    const line = `cp "$SRC" ${SSHD}`;
    expect(found(cloudConfig([line], ["SRC=/usr/share/openssh/sshd_config"]))).toEqual(outside(line));
  });
});

describe("write_files' known text copied by runcmd", () => {
  const config = (path: string, content: string, line: string) =>
    `#cloud-config\nwrite_files:\n  - path: ${path}\n    content: ${JSON.stringify(content)}\nruncmd:\n  - ${JSON.stringify(line)}\n`;

  it("account lines with a password set one", () => {
    const text = config("/opt/shadow", `${SHADOW_LINE}\n`, "cp /opt/shadow /etc/shadow");
    expect(found(text)).toEqual([`password-set ${maskShellPasswords(SHADOW_LINE)}`]);
  });

  it("a locked account sets none", () => {
    expect(found(config("/opt/shadow", "root:!:19000:0:99999:7:::\n", "cp /opt/shadow /etc/shadow"))).toEqual([]);
  });

  it("text leaving a directive out, copied over sshd_config, is a rewrite", () => {
    const line = `cp /opt/app/main.conf ${SSHD}`;
    expect(found(config("/opt/app/main.conf", "PasswordAuthentication no\n", line))).toEqual(
      rewrite(line, ["root-login"]),
    );
  });
});

describe("hostile input", () => {
  it("many copies of a large hardened file over sshd_config are no finding", () => {
    const text = `printf '${"Port 22\\n".repeat(1800)}PasswordAuthentication no\\nPermitRootLogin no\\n' > /tmp/c\n`;
    expect(found(text + `cp /tmp/c ${SSHD}\n`.repeat(5000))).toEqual([]);
  });
});
