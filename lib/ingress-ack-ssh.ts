// ACK dedicated clusters (`alicloud.cs.Kubernetes`): `enableSsh`, the API's ssh_flags, adds SSH to the master nodes
// on the API server's internet SLB, open to any address. No security group of the program carries that listener;
// only `slbInternetEnabled: false` leaves no internet SLB to carry it.
import type { IngressExtraction } from "./ingress";
import { ingressEntry } from "./ingress-fields";
import { bool, isUnknown } from "./values";

const WHERE = "enableSsh (SSH to the master nodes through the API server's internet SLB)";

export function alicloudAckDedicatedSsh(props: Record<string, unknown>): IngressExtraction {
  const ssh = props.enableSsh;
  const slb = props.slbInternetEnabled;
  // enableSsh defaults to false; slbInternetEnabled defaults to true.
  if (!isUnknown(ssh) && bool(ssh) !== true) return { entries: [] };
  if (!isUnknown(slb) && bool(slb) === false) return { entries: [] };
  const assumed = isUnknown(ssh) ? "enableSsh" : isUnknown(slb) ? "slbInternetEnabled" : undefined;
  return {
    entries: [
      ingressEntry(
        { where: WHERE, action: "allow", range: { from: 22, to: 22 }, protocol: "tcp", assumed },
        { cidrs: ["0.0.0.0/0"], unknownSource: false },
      ),
    ],
  };
}
