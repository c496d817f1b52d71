// Bastionhost host accounts: the credential the bastion logs in to a host with. A password on an SSH account means
// the host's sshd accepts password login, the weakness brute-forced in the case, whoever else can reach port 22.
import { unwrap } from "../../lib/reachability/resource";
import { isUnknown } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { isLoginPassword } from "./login-passwords";
import { is, shown } from "./text-values";

export const HOST_ACCOUNT = "alicloud:bastionhost/hostAccount:HostAccount";

/** A name for messages: the value, or where it comes from when it is only known at apply. */
const label = (v: unknown, field: string) => (isUnknown(unwrap(v)) ? `(${field} known after apply)` : shown(unwrap(v)));

/**
 * SSH accounts with a password are violations. RDP accounts are left alone: Windows takes no key pair, and the rule
 * lets Windows logins keep their password (RDP from the internet is the port rules' business). A protocol unknown at
 * preview, or one the provider refuses (only SSH and RDP deploy), leaves the login unjudged: a note.
 */
export function hostAccountPasswordLogin(p: Record<string, unknown>): Finding[] {
  if (!isLoginPassword(p.password)) return [];
  const account = `host account ${label(p.hostAccountName, "hostAccountName")} of host ${label(p.hostId, "hostId")}`;
  const protocol = unwrap(p.protocolName);
  if (isUnknown(protocol))
    return [unverifiable("protocolName", `${account} sets a password, which is SSH password login if it is SSH`)];
  if (is(protocol, "RDP")) return [];
  if (!is(protocol, "SSH"))
    return [
      unverifiable(
        `the login protocol of ${account}`,
        `protocolName is ${shown(protocol)}, neither SSH nor RDP, and the account sets a password`,
      ),
    ];
  return [
    violation(
      `password is set on SSH ${account}: the host accepts SSH password login; use privateKey (with passPhrase for an encrypted key) instead and set PasswordAuthentication no in the host's sshd_config`,
    ),
  ];
}
