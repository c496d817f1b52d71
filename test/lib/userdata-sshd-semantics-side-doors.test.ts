// sshd directives that let root in without root's authorized_keys (a user CA, a command printing keys or principals,
// host-based login), and a home usermod gives root: read from text alone here; the reader's wiring is tested in
// userdata-sshd-semantics-wired.test.ts.
import { rootHomeKeysFiles } from "../../lib/userdata-root-accounts";
import { rootSideDoors } from "../../lib/userdata-root-side-doors";

const doors = (text: string) => rootSideDoors(text).map((d) => d.directive);

describe("rootSideDoors", () => {
  it.each<[string, string, string[]]>([
    ["a user CA", "TrustedUserCAKeys /etc/ssh/user_ca.pub", ["TrustedUserCAKeys /etc/ssh/user_ca.pub"]],
    ["with an equals sign", "TrustedUserCAKeys=/etc/ssh/ca.pub", ["TrustedUserCAKeys /etc/ssh/ca.pub"]],
    [
      "EC2 Instance Connect's command",
      "AuthorizedKeysCommand /opt/aws/bin/eic_run_authorized_keys %u %f\nAuthorizedKeysCommandUser ec2-instance-connect",
      ["AuthorizedKeysCommand /opt/aws/bin/eic_run_authorized_keys %u %f"],
    ],
    [
      "a principals command",
      "AuthorizedPrincipalsCommand /usr/local/bin/principals %u",
      ["AuthorizedPrincipalsCommand /usr/local/bin/principals %u"],
    ],
    ["host-based login", "HostbasedAuthentication yes", ["HostbasedAuthentication yes"]],
    ["any case", "trustedusercakeys /ca.pub", ["trustedusercakeys /ca.pub"]],
    [
      "after echo -e's escaped newline",
      "Port 22\\nTrustedUserCAKeys /ca.pub\\nPort 2222",
      ["TrustedUserCAKeys /ca.pub"],
    ],
    [
      "the first value of each kept",
      "TrustedUserCAKeys /a.pub\nTrustedUserCAKeys /b.pub",
      ["TrustedUserCAKeys /a.pub"],
    ],
    ["a comment after a line", "# CA\nTrustedUserCAKeys /ca.pub", ["TrustedUserCAKeys /ca.pub"]],
  ])("%s", (_name, text, expected) => {
    expect(doors(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["none", "TrustedUserCAKeys none\nAuthorizedKeysCommand none\nAuthorizedPrincipalsCommand none"],
    ["host-based login off", "HostbasedAuthentication no"],
    ["commented out", "#TrustedUserCAKeys /ca.pub\n# AuthorizedKeysCommand /x %u"],
    ["the command's user alone", "AuthorizedKeysCommandUser nobody"],
    ["the first value turns it off", "TrustedUserCAKeys none\nTrustedUserCAKeys /ca.pub"],
    ["the files, not the commands", "AuthorizedKeysFile .ssh/authorized_keys\nAuthorizedPrincipalsFile none"],
    ["no value", "TrustedUserCAKeys"],
    ["prose", "see the TrustedUserCAKeys docs"],
  ])("%s: none", (_name, text) => {
    expect(doors(text)).toEqual([]);
  });

  it("a long hostile text is read in linear time", () => {
    const text = "TrustedUserCAKeys ".repeat(20_000) + "#".repeat(100_000);
    const start = Date.now();
    rootSideDoors(text);
    expect(Date.now() - start).toBeLessThan(1_000);
  });
});

describe("rootHomeKeysFiles", () => {
  const KEYS = ["/opt/r/.ssh/authorized_keys", "/opt/r/.ssh/authorized_keys2"];
  it.each<[string, string, string[]]>([
    ["-d", "usermod -d /opt/r root", KEYS],
    ["-md", "usermod -md /opt/r root", KEYS],
    ["-d glued", "usermod -d/opt/r root", KEYS],
    ["--home", "usermod --home /opt/r -m root", KEYS],
    ["--home=", "sudo usermod --home=/opt/r root", KEYS],
    ["a trailing slash", "usermod -d /opt/r/ root", KEYS],
    ["the last one given", "usermod -d /opt/a root\nusermod -d /opt/r root", KEYS],
    ["after other options", "usermod -s /bin/bash -d /opt/r -c 'the admin' root", KEYS],
    ["in a line of commands", "mkdir -p /opt/r && usermod -d /opt/r root && echo done", KEYS],
  ])("%s", (_name, text, expected) => {
    expect(rootHomeKeysFiles(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["another account", "usermod -d /opt/r ops"],
    ["root's shell changed", "usermod -s /bin/zsh root"],
    ["a home the script does not spell", 'usermod -d "$H" root'],
    ["the last home not spelt", 'usermod -d /opt/r root\nusermod -d "$H" root'],
    ["useradd", "useradd -d /opt/r root"],
    ["no usermod", "echo root"],
  ])("%s: none", (_name, text) => {
    expect(rootHomeKeysFiles(text)).toEqual([]);
  });
});
