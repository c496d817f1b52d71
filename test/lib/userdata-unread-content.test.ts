// What the user-data reader leaves unread may hold anything, so it is a finding of its own: gzip past its 4 MB cap or
// once a value has inflated 8 MB in all, and layers past its nesting limit (a script decoded, or printed into a shell,
// by a script four layers down). A gzip stream that is corrupt runs nowhere, and costs the budget only what it could
// have inflated, so that a few of them cannot spend it before the stream that matters.
import { gzipSync } from "zlib";
import { secretQuotedLines } from "../../lib/secret-script-pieces";
import { decodeUserData, findLoginWeaknesses, LoginWeakness } from "../../lib/userdata";
import { InflateBudget, MAX_INFLATED, textOf } from "../../lib/userdata-decode";

const OPEN_SSH =
  "#!/bin/bash\nsed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config\n";
const PAST_CAP: LoginWeakness = { kind: "unread-content", line: "gzip data inflating past 4 MB" };
const PAST_BUDGET: LoginWeakness = {
  kind: "unread-content",
  line: "gzip data past the 8 MB one value may inflate in all",
};

/** A script that inflates past the cap: its weakening line first, then padding. */
const bomb = (script: string) => gzipSync(`${script}${"#".repeat(MAX_INFLATED)}\n`);
/** Gzip's header, then bytes that are no deflate data. */
const corrupt = Buffer.concat([
  Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
  Buffer.from("not deflate data".repeat(4)),
]);

/** A MIME multi-part document whose parts are given as bytes, each base64 as cloud-init's make-mime writes them. */
function mime(parts: Buffer[]): string {
  const boundary = "==boundary==";
  const body = parts.map(
    (bytes) =>
      `--${boundary}\nContent-Type: application/x-shellscript\nMIME-Version: 1.0\nContent-Transfer-Encoding: base64\n\n${bytes.toString("base64")}\n`,
  );
  return `Content-Type: multipart/mixed; boundary="${boundary}"\nMIME-Version: 1.0\n\n${body.join("")}--${boundary}--\n`;
}

/** What the policies read: the value decoded as user data, then scanned. */
const weaknessesOf = (userData: string): LoginWeakness[] => [...findLoginWeaknesses(decodeUserData(userData))];

describe("gzip the user-data reader leaves compressed", () => {
  it.each<[string, string, LoginWeakness[]]>([
    ["the whole value past the cap", bomb(OPEN_SSH).toString("base64"), [PAST_CAP]],
    ["a MIME part past the cap", mime([bomb(OPEN_SSH)]), [PAST_CAP]],
    [
      "parts past the value's budget, after two that spent it",
      mime([gzipSync("#".repeat(MAX_INFLATED - 1)), gzipSync("#".repeat(MAX_INFLATED - 1)), gzipSync(OPEN_SSH)]),
      [PAST_BUDGET],
    ],
    [
      "two corrupt parts before the part that weakens login: that part is read",
      mime([corrupt, corrupt, gzipSync(OPEN_SSH)]),
      [
        {
          kind: "password-authentication",
          line: "sed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config",
        },
      ],
    ],
    ["a corrupt whole value, which no boot stage runs", corrupt.toString("base64"), []],
    ["a script that begins like base64 of gzip", "H4sI is how base64 of gzip begins\necho hello\n", []],
    ["gzip within the cap, read as before", gzipSync("#!/bin/bash\necho hello\n").toString("base64"), []],
  ])("%s", (_name, userData, expected) => {
    expect(weaknessesOf(userData)).toEqual(expected);
  });

  it("is read when handed over undecoded: gzip+base64 is inflated first", () => {
    expect(findLoginWeaknesses(gzipSync(OPEN_SSH).toString("base64"))).toEqual([
      {
        kind: "password-authentication",
        line: "sed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config",
      },
    ]);
  });

  it("is reported beside what the reader could read", () => {
    const found = weaknessesOf(mime([gzipSync(OPEN_SSH), bomb("")]));
    expect(found.map((w) => w.kind).sort()).toEqual(["password-authentication", "unread-content"]);
  });
});

/** A script that decodes `script` into bash: one layer more. */
const decodedIntoBash = (script: string) => `#!/bin/bash\necho ${b64(script)} | base64 -d | bash\n`;
const b64 = (text: string) => Buffer.from(text).toString("base64");
const layers = (script: string, count: number) =>
  Array.from({ length: count }).reduce<string>((inner) => decodedIntoBash(inner), script);
/** A cloud-config writing `script` gzip+base64 as a per-boot script, which cloud-init runs at every boot. */
const perBootScript = (script: string) =>
  `#cloud-config\nwrite_files:\n  - path: /var/lib/cloud/scripts/per-boot/setup.sh\n    encoding: gz+b64\n    permissions: "0755"\n    content: ${gzipSync(script).toString("base64")}\n`;
/** A MIME multi-part document of one text part. */
const mimeOf = (type: string, text: string) =>
  `Content-Type: multipart/mixed; boundary="==b=="\nMIME-Version: 1.0\n\n--==b==\nContent-Type: ${type}\nMIME-Version: 1.0\nContent-Transfer-Encoding: base64\n\n${b64(text)}\n--==b==--\n`;
const OPEN_SSH_LINE = "sed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config";

describe("layers past the reader's nesting limit", () => {
  it.each<[string, string, LoginWeakness[]]>([
    [
      "a script decoded into bash three times: read",
      layers(OPEN_SSH, 3),
      [{ kind: "password-authentication", line: OPEN_SSH_LINE }],
    ],
    [
      "four times: the fourth is unread",
      layers(OPEN_SSH, 4),
      [{ kind: "unread-content", line: "a script decoded nested past 4 layers" }],
    ],
    [
      "a MIME part's cloud-config writing a per-boot script that decodes a script into bash twice",
      mimeOf("text/cloud-config", perBootScript(layers(OPEN_SSH, 2))),
      [{ kind: "unread-content", line: "a script decoded nested past 4 layers" }],
    ],
    [
      "a script printed into a shell four layers down",
      layers(`#!/bin/bash\nprintf '\\x50\\x65\\x72\\x6d\\x69\\x74\\x52\\x6f\\x6f\\x74' | bash\n`, 3),
      [{ kind: "unread-content", line: "a script printed into a shell nested past 4 layers" }],
    ],
    [
      "MIME documents nested in parts five deep",
      [1, 2, 3, 4, 5].reduce((text) => mimeOf("text/x-shellscript", text), OPEN_SSH),
      [{ kind: "unread-content", line: "MIME parts nested past 4 layers" }],
    ],
    [
      "binary data decoded four layers down, which runs nothing",
      layers(`#!/bin/bash\necho ${Buffer.from([0, 1, 2, 255]).toString("base64")} | base64 -d > /tmp/blob\n`, 3),
      [],
    ],
  ])("%s", (_name, userData, expected) => {
    expect(weaknessesOf(userData)).toEqual(expected);
  });
});

describe("the lines masked in a secret value's messages", () => {
  it("leave out the reason an unread stream gives, which is the reader's words, not the value's", () => {
    const userData = mime([gzipSync(OPEN_SSH), bomb("")]);
    expect(secretQuotedLines(userData)).toEqual([
      "sed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config",
    ]);
  });
});

describe("the inflate budget", () => {
  it("charges a corrupt stream at most 1,032 bytes per byte of it", () => {
    const budget = new InflateBudget();
    expect(textOf(corrupt, budget)).toBeUndefined();
    expect(budget.remaining).toBe(budget.total - corrupt.length * 1032);
    expect(budget.unread).toBeUndefined();
  });

  it("charges a stream past the cap the cap, and notes it as unread", () => {
    const budget = new InflateBudget();
    expect(textOf(bomb(""), budget)).toBeUndefined();
    expect(budget.remaining).toBe(budget.total - MAX_INFLATED);
    expect(budget.unread).toBe(PAST_CAP.line);
  });

  it("keeps the first reason", () => {
    const budget = new InflateBudget(MAX_INFLATED + 10);
    textOf(bomb(""), budget);
    textOf(bomb(""), budget);
    textOf(gzipSync("x"), budget);
    expect(budget.remaining).toBe(0);
    expect(budget.unread).toBe(PAST_CAP.line);
  });
});
