// The shell reader's hostile inputs, as its tests feed them (test/lib/userdata-*.test.ts, the super-server rows of
// test/policies/userdata-superservers.test.ts), each under the name of the test's file.
import { findLoginWeaknesses } from "../lib/userdata";
import { markUnknownExpansions } from "../lib/userdata-unknown-values";
import { shellWords } from "../lib/userdata-words";
import { scriptFindings } from "../policies/lib/script-findings";
import { many, Shape, shapeOf } from "./hostile-shapes";

const shell = shapeOf({ name: "findLoginWeaknesses", read: findLoginWeaknesses });
const policy = shapeOf({ name: "scriptFindings", read: (text) => scriptFindings("userData", text) });
const words = shapeOf({ name: "shellWords", read: shellWords });
const expansions = shapeOf({ name: "markUnknownExpansions", read: markUnknownExpansions });

const SSHD = "/etc/ssh/sshd_config";
const KIT = "/etc/ssh/sshd_config.d/00-hardening-kit.conf";
const GREP = `grep -v '^PasswordAuthentication' ${SSHD}`;
const xinetd = (...lines: string[]) =>
  ["#!/bin/bash", "cat > /etc/xinetd.d/telnet <<'EOF'", ...lines, "EOF"].join("\n");
/** A file with no `#!` line holding a VNC server's command, read once something runs it. */
const RUN_LATER_A = "printf 'x11vnc -forever\\n' > /tmp/a";
const stages = (n: number, stage: (i: number) => string) => many(n, stage, " | ");
/** A template of n PermitRootLogin lines, each with a placeholder of its own, written to `file`. */
const placeholders = (n: number, file: string) =>
  `cat > ${file} <<'EOF'\n${many(n, (i) => `PermitRootLogin __X${i}__`)}\nEOF`;

export const SHELL_SHAPES: Record<string, Shape[]> = {
  "test/policies/userdata-superservers.test.ts": [
    policy("xinetd service name of n letters", 25_000, (n) => xinetd(`service ${"a".repeat(n)} b`)),
    policy("xinetd server after n blanks", 25_000, (n) => xinetd(`server${" ".repeat(n)}x`)),
    policy("xinetd service of n server_args lines", 10_000, (n) =>
      xinetd("service telnet", "{", ...Array<string>(n).fill("  server_args = -h -h -h"), "  disable = yes", "}"),
    ),
    policy("n sed edits of an xinetd service", 2_500, (n) =>
      many(n, () => "sed -i 's/disable\\s*=\\s*no/disable = yes/;/x/d' /etc/xinetd.d/telnet"),
    ),
    policy("inetd entry of n words", 25_000, (n) => `echo 'telnet${" stream".repeat(n)}' >> /etc/inetd.conf`),
  ],
  "test/lib/userdata-word-splitting.test.ts": [
    words("n unclosed $(", 25_000, (n) => "a$(".repeat(n)),
    words("n closed $(b)", 25_000, (n) => "a$(b)".repeat(n)),
    words("n nested $(", 25_000, (n) => `x${"$(".repeat(n)}${")".repeat(n)}`),
    shell(
      "sed backup suffix of n unclosed $(",
      10_000,
      (n) => `sed -i.${"$(a".repeat(n)} 's/^#Port 22/Port 2222/' ${SSHD}`,
    ),
  ],
  "test/lib/userdata-pipelines.test.ts": [
    shell(
      "n grep stages",
      10_000,
      (n) => `cat ${SSHD} | ${stages(n, (i) => `grep -v '^X${i}'`)} > /tmp/s; mv /tmp/s ${SSHD}`,
    ),
    shell(
      "n unknown stages",
      10_000,
      (n) => `cat ${SSHD} | ${stages(n, (i) => `f${i}`)} | tee /tmp/s; mv /tmp/s ${SSHD}`,
    ),
  ],
  "test/lib/userdata-known-copies.test.ts": [
    shell("n copies of a large hardened file", 2_500, (n) => {
      const hardened = `printf '${"Port 22\\n".repeat(1800)}PasswordAuthentication no\\nPermitRootLogin no\\n' > /tmp/c\n`;
      return hardened + `cp /tmp/c ${SSHD}\n`.repeat(n);
    }),
  ],
  "test/lib/userdata-unknown-patterns.test.ts": [
    expansions("n unclosed ${", 50_000, (n) => "${".repeat(n)),
    shell("sed pattern of n unknowns", 10_000, (n) => `sed -i "/${many(n, (i) => `$V${i}`, "")}/d" ${SSHD}`),
  ],
  "test/lib/userdata-reader-gaps.test.ts": [
    shell(
      "perl join of n matches",
      10_000,
      (n) => `perl -ni -e 'print unless ${many(n, (i) => `/^X${i}/`, " || ")}' ${SSHD}`,
    ),
    shell(
      "perl condition n parentheses deep",
      10_000,
      (n) => `perl -ni -e 'print unless ${"(".repeat(n)}/^#/${") || /^$/".repeat(n)}' ${SSHD}`,
    ),
    shell("ex with n -c globals", 10_000, (n) => `ex -s ${"-c 'g/^#/d' ".repeat(n)}-c wq ${SSHD}`),
    shell("ex global of n escaped slashes", 25_000, (n) => `ex -s -c 'g/${"\\/".repeat(n)}' ${SSHD}`),
    shell("chain of n copies put back", 2_500, (n) => {
      const copies = many(n, (i) => `cp /tmp/c${i} /tmp/c${i + 1}`);
      return `cp ${SSHD} /tmp/c0\n${copies}\nsed -i '/^#/d' /tmp/c${n}\ncp /tmp/c${n} ${SSHD}`;
    }),
  ],
  "test/lib/userdata-folder-fills.test.ts": [
    shell("git clone URL of n slashes", 100_000, (n) => `git clone https://x${"/".repeat(n)}a`),
    shell("tar option of n letters", 100_000, (n) => `tar ${"x".repeat(n)}! -C /root/.ssh`),
    shell(
      "git with n options",
      10_000,
      (n) => `git ${"-c a=b ".repeat(n)}clone ${"-qb main ".repeat(n)}https://example.com/ops/dotfiles.git /opt/app`,
    ),
    shell("mv of n key files", 10_000, (n) => `mv ${"/tmp/id_rsa.pub ".repeat(n)}/root/.ssh/`),
    shell("n tar extractions", 2_500, (n) => many(n, (i) => `tar -xzf /tmp/k${i}.tgz -C /opt/k${i}`)),
  ],
  "test/lib/userdata-editor-pipelines.test.ts": [
    shell("ex chain of n deletes", 10_000, (n) => `ex -sc '${"/^X/d|".repeat(n)}x' ${SSHD}`),
    shell("ex chain of n open addresses", 10_000, (n) => `ex -sc '${"/a|?b|".repeat(n)}' ${SSHD}`),
    shell("ex chain of n escaped slashes", 10_000, (n) => `ex -sc '${"\\\\/|".repeat(n)}' ${SSHD}`),
    shell(
      "n sed stages into sponge",
      10_000,
      (n) => `cat ${SSHD} | ${stages(n, (i) => `sed '/^X${i}/d'`)} | sponge ${SSHD}`,
    ),
  ],
  "test/lib/userdata-unplaced-output.test.ts": [
    shell("n sort stages", 10_000, (n) => `${GREP} | ${stages(n, () => "sort")} > /tmp/x`),
    shell("n directory changes, each a filter", 2_500, (n) => {
      const filters = many(n, (i) => `cd /tmp/d${i}/..; ${GREP} > x${i}`);
      return `${filters}\ncd ${"../".repeat(2 * n)}tmp; mv x1 /tmp/y`;
    }),
    shell("n replaced copies of the drop-in", 2_500, (n) =>
      many(n, () => `cp ${KIT} /tmp/a; sed '/^X/d;s/^Banner.*/Banner none/;/^Y/d' /tmp/a > /tmp/b; mv /tmp/b ${SSHD}`),
    ),
    shell("n piped working copies", 2_500, (n) =>
      many(n, (i) => `${GREP} | sort | tee /tmp/p${i % 8} | gzip > /tmp/g`),
    ),
  ],
  "test/lib/userdata-appends-ranges.test.ts": [
    shell("sed of n ranges", 10_000, (n) => `sed -i '${"/^X/,/^Y/d;".repeat(n)}' ${SSHD}`),
    shell(
      "sed -i of n files sshd does not read",
      10_000,
      (n) => `sed -i 's/^#PasswordAuthentication.*/PasswordAuthentication yes/' ${many(n, (i) => `/opt/f${i}`, " ")}`,
    ),
    shell("sed range of n-digit line numbers", 50_000, (n) => `sed -i '${"1".repeat(n)},${"2".repeat(n)}d' ${SSHD}`),
    shell("sed address of n escaped slashes", 25_000, (n) => `sed -i '/${"\\/".repeat(n)}/,+0d' ${SSHD}`),
    shell(
      "n grep stages into sponge -a",
      10_000,
      (n) => `${GREP} | ${stages(n, (i) => `grep -v '^X${i}'`)} | sponge -a ${SSHD}`,
    ),
    shell(
      "sed with n appending redirections",
      10_000,
      (n) => `sed '/^PasswordAuthentication/d' ${SSHD} ${`>> ${SSHD} `.repeat(n)}`,
    ),
    shell(
      "dd with n oflag=append",
      10_000,
      (n) => `dd of=${SSHD} ${"oflag=append ".repeat(n)}conv=notrunc < /dev/null`,
    ),
  ],
  "test/lib/userdata-copies-written-back.test.ts": [
    shell(
      "n filtered copies moved by a glob",
      2_500,
      (n) => `${many(n, (i) => `grep -v '^X${i}' ${SSHD} > /tmp/s${i}`)}\nmv /tmp/s* ${SSHD}`,
    ),
    shell("n glob moves over long copies", 2_500, (n) => {
      const copies = many(16, (i) => `cp ${SSHD} /tmp/${"a".repeat(2_000)}${i}`);
      return `${copies}\n${many(n, () => `mv /tmp/${"*a".repeat(100)}b ${SSHD}`)}`;
    }),
    shell("sed block n deep", 10_000, (n) => `sed -i '${"/^Match/,/^$/{".repeat(n)}/^X/d${"}".repeat(n)}' ${SSHD}`),
  ],
  // Files run later through a shell's input, env, cat copies and copies into folders.
  "test/policies/userdata-run-later-inputs.test.ts": [
    policy("n cat appends to a file run later", 5_000, (n) =>
      [RUN_LATER_A, many(n, () => "cat /tmp/a >> /opt/start"), "sh /opt/start"].join("\n"),
    ),
    policy("cat of n files into a file run later", 10_000, (n) =>
      [RUN_LATER_A, `cat ${many(n, () => "/tmp/a", " ")} > /opt/start`, "sh /opt/start"].join("\n"),
    ),
    policy("cp -t a folder of n files", 25_000, (n) =>
      [RUN_LATER_A, `cp -t /usr/local/bin ${many(n, (i) => `/tmp/f${i}`, " ")}`, "sh /usr/local/bin/a"].join("\n"),
    ),
    policy("n env wrappers", 10_000, (n) => [RUN_LATER_A, `${"/usr/bin/env ".repeat(n)}bash /tmp/a`].join("\n")),
    policy("n cat stages piped to sh", 5_000, (n) => [RUN_LATER_A, `${"cat /tmp/a | ".repeat(n)}sh`].join("\n")),
    policy("a file of n lines copied onto boot files n times", 5_000, (n) =>
      [
        "cat > /tmp/a <<'END'",
        many(n, (i) => `echo line ${i}`),
        "END",
        many(n, (i) => ["cp /tmp/a /etc/rc.local", "cat /tmp/a > /etc/rc.local", "cp /tmp/a /etc/cron.daily/"][i % 3]),
      ].join("\n"),
    ),
    policy("cat of n files with text piped to tee into n files", 5_000, (n) =>
      [RUN_LATER_A, `cat ${many(n, () => "/tmp/a", " ")} | tee ${many(n, (i) => `/opt/f${i}`, " ")}`].join("\n"),
    ),
  ],
  "test/lib/userdata-nested-loops.test.ts": [
    shell("one-word loops nested n deep", 1_000, (n) => `${"for d in /root; do ".repeat(n)}:${"; done".repeat(n)}`),
    shell("n loops after other commands on their line", 4_000, (n) =>
      many(n, () => "cd /tmp; for d in /root; do cat /tmp/k >> $d/.ssh/authorized_keys; done"),
    ),
    shell("n unclosed then-for lines", 4_000, (n) => many(n, () => "if true; then for d in a b; do")),
    shell("loops nested over n lines", 4_000, (n) =>
      [many(n / 10, () => "for a in x y; do"), "echo $a", many(n / 10, () => "done")].join("\n"),
    ),
    shell("n/1000 nests of 1,000-word loops", 4_000, (n) =>
      many(n / 1000, () => `for a in ${"w ".repeat(1000)}; do for b in ${"v ".repeat(1000)}; do echo $a$b; done; done`),
    ),
    shell("a two-word loop over a here-document of n lines", 10_000, (n) =>
      ["for f in /tmp/a /tmp/b; do", 'cat > "$f" <<EOF', many(n, (i) => `line ${i}`), "EOF", "done"].join("\n"),
    ),
  ],
  "test/lib/userdata-loop-words.test.ts": [
    // Each loop adds its finding again, for the same line: its key once cost the line's length (quadratic).
    shell("one line of n partly known loops", 2_000, (n) =>
      many(n, () => "D=/root; for d in $D $(ls /home); do echo k >> $d/.ssh/authorized_keys; done", "; "),
    ),
  ],
  "test/lib/userdata-hardened-overwrites.test.ts": [
    // A path's trailing slashes were cut by a regex retried at every slash of a run: quadratic.
    shell(
      "a copy into sshd's folder from a path of n slashes",
      25_000,
      (n) => `cp /etc/ssh/x${"/".repeat(n)}y /etc/ssh/`,
    ),
    shell("a copy of a folder of n slashes into root's home", 25_000, (n) => `cp -r /opt/k${"/".repeat(n)}. /root/`),
  ],
  "test/lib/userdata-path-forms.test.ts": [
    // The name's unknown parts were made globs by a regex retried at each character of an unclosed run: quadratic.
    shell(
      "an append to a name in sshd's folder of n unclosed ${",
      25_000,
      (n) => `echo x >> /etc/ssh/a${"${".repeat(n)}`,
    ),
    shell("an append to a name in sshd's folder of n {", 25_000, (n) => `echo x >> /etc/ssh/a${"{".repeat(n)}`),
    shell(
      "a tee into n brace alternatives",
      25_000,
      (n) => `echo k | tee /root/.ssh/{${many(n, (i) => `a${i}`, ",")}}`,
    ),
  ],
  "test/lib/userdata-eval-words.test.ts": [
    shell("n evals of an unquoted variable", 1_000, (n) =>
      ['CMD="sed -i s/^a/b/ /etc/app.conf"', many(n, () => "eval $CMD")].join("\n"),
    ),
    shell("an eval of n unquoted references", 25_000, (n) => `V="a b"\neval ${"$V ".repeat(n)}`),
    shell("eval of a value n x 25 characters long", 4_000, (n) => `CMD="${"echo x; ".repeat(n * 3)}"\neval $CMD`),
    shell("n evals of an echo's substitution", 4_000, (n) => many(n, () => `eval "$(echo 'echo x')"`)),
    shell("n here-strings to bash -c", 4_000, (n) => many(n, () => `bash -c 'cat >> /etc/motd' <<< "x"`)),
  ],
  "test/lib/userdata-tee-and-boot-pieces.test.ts": [
    shell(
      "tee into n files and rc.local",
      5_000,
      (n) => `echo 'rm -f ${KIT}' | tee ${many(n, (i) => `/tmp/f${i}`, " ")} /etc/rc.local`,
    ),
    shell("n pieces of a line appended to rc.local", 10_000, (n) => many(n, () => "printf 'ab' >> /etc/rc.local")),
    shell("n printf pieces through tee -a", 10_000, (n) => many(n, () => "printf 'ab\\n' | tee -a /tmp/c > /dev/null")),
  ],
  "test/lib/userdata-perl-expressions.test.ts": [
    shell(
      "n perl substitutions counted into a variable",
      5_000,
      (n) => `perl -pi -e '${"$n += s/^#(Port)/$1/;".repeat(n)}' ${SSHD}`,
    ),
    shell(
      "a perl condition of n terms",
      5_000,
      (n) => `perl -pi -e 's/^#(Port)/$1/ if ${many(n, () => "/a/", " and ")}' ${SSHD}`,
    ),
  ],
  "test/lib/userdata-known-edits.test.ts": [
    shell("a template of n placeholders, each filled in by sed -i", 2_500, (n) =>
      [placeholders(n, KIT), many(n, (i) => `sed -i 's/__X${i}__/no/' ${KIT}`)].join("\n"),
    ),
    shell("a template of n placeholders printed by n regex edits", 1_000, (n) =>
      [placeholders(n, "/tmp/t"), many(n, (i) => `sed 's/_[_]X${i}__/no/' /tmp/t > ${KIT}`)].join("\n"),
    ),
  ],
  "test/lib/userdata-unread-caps-shell.test.ts": [
    shell("quotes closing past 1,000 lines, four times", 4_000, (n) => `echo '\n${many(n, () => ":")}\n'\n`.repeat(4)),
    shell("n unclosed defaults", 4_000, (n) => `echo ${"${A:-".repeat(n)}`),
    shell("n loop headers that never close", 4_000, (n) => many(n, () => "for d in a b c; do")),
    shell("n/100 loops of 100 words", 4_000, (n) =>
      many(n / 100, () => `for d in ${"a ".repeat(100)}; do echo $d; done`),
    ),
    shell("n redirections", 4_000, (n) => `echo x ${"> /tmp/a ".repeat(n)}`),
    shell(
      "printf past 64 KB with n arguments",
      4_000,
      (n) => `printf '%s\\n#${"-".repeat(4000)}' ${"a ".repeat(n)}| bash`,
    ),
    shell("n/10 names past the bound, each referenced", 4_000, (n) => many(n / 10, (i) => `V${i}=x; echo $V${i}`)),
  ],
};
