// What a host launching from several sources (an auto-scaling group's templates, a fleet's launch specifications and
// templates) takes from them: what any of them opens, the host may launch.
import { Host, NetworkModel, PublicAddress } from "../model";
import { GenericResource, list } from "../resource";
import {
  certainFirst,
  launchAddress,
  subnetV6,
  templateGroups,
  templateNamesNoGroup,
  v6,
  withDefaultGroup,
} from "./host-parts";
import {
  TemplateAddressChoice,
  anyTemplateAddressChoice,
  applyTemplateAddress,
  templateAddressChoice,
} from "./launch-template-addresses";

export interface LaunchSource {
  groups: string[];
  address: TemplateAddressChoice;
  v6?: PublicAddress;
  /** The instances it starts name no group: they land in their VPC's default group. */
  namesNoGroup: boolean;
}

/** A launch template as a source: its groups, its first interface's address choice and IPv6 fields. */
export function templateSource(m: NetworkModel, lt: GenericResource): LaunchSource {
  return {
    groups: templateGroups(m, lt),
    address: templateAddressChoice(lt),
    v6: v6(lt, list(lt.inputs.networkInterfaces)[0], "networkInterfaces"),
    namesNoGroup: templateNamesNoGroup(lt),
  };
}

/** Adds every source's groups, the address any of them asks for (or the subnet's) and an IPv6 address to `host`. */
export function launchFrom(m: NetworkModel, host: Host, sources: LaunchSource[], defaults: Map<string, string>): void {
  host.securityGroups = [...new Set([...host.securityGroups, ...sources.flatMap((s) => s.groups)])];
  applyTemplateAddress(host.publicV4, anyTemplateAddressChoice(sources.map((s) => s.address)), () =>
    launchAddress(m, host),
  );
  host.publicV6 = certainFirst(host.publicV6, ...sources.map((s) => s.v6), subnetV6(m, host));
  if (sources.some((s) => s.namesNoGroup)) withDefaultGroup(m, host, defaults);
}
