// The public IPv4 address a launch template's first interface gives what it launches (an auto-scaling group, or an
// instance that makes no address choice of its own). `associatePublicIpAddress` true, or unknown at preview, counts
// as public; the template's whole interface list unknown at preview hides that choice too, so an address may exist:
// it stands, unverified, named after the field, unless the subnet already gives one.
import { PublicAddress } from "../model";
import { GenericResource, bool, isUnknown, list, prop, unwrap } from "../resource";

export interface TemplateAddressChoice {
  /** The address the template's interface asks for (unverified when the interface list is unknown). */
  address?: PublicAddress;
  /** No explicit choice: the subnet's `mapPublicIpOnLaunch` decides. */
  subnetDecides: boolean;
}

export function templateAddressChoice(lt: GenericResource | undefined): TemplateAddressChoice {
  if (!lt) return { subnetDecides: true };
  const interfaces = unwrap(lt.inputs.networkInterfaces);
  const first = list(interfaces)[0];
  if (isUnknown(interfaces) || isUnknown(first))
    return {
      address: { label: `public-ip:${lt.name} (networkInterfaces unknown at preview)`, urn: lt.urn, unverified: true },
      subnetDecides: true,
    };
  const assoc = bool(prop(first, "associatePublicIpAddress"));
  if (assoc === true || assoc === "unknown")
    return { address: { label: `public-ip:${lt.name}`, urn: lt.urn }, subnetDecides: false };
  return { subnetDecides: assoc === undefined };
}

/**
 * Adds the template's address to `publicV4` after `subnetAddresses` ran when the subnet decides: an unverified
 * address only when the subnet gave none, so one opening is not reported twice.
 */
export function applyTemplateAddress(
  publicV4: PublicAddress[],
  choice: TemplateAddressChoice,
  subnetAddresses: () => void,
): void {
  if (choice.subnetDecides) subnetAddresses();
  if (choice.address && !(choice.address.unverified && publicV4.length > 0)) publicV4.push(choice.address);
}

/**
 * A launch configuration's choice: `associatePublicIpAddress` true (or unknown) asks for a public address, false
 * refuses one whatever the subnet says, and unset leaves it to the subnet.
 */
export function launchConfigurationAddressChoice(lc: GenericResource): TemplateAddressChoice {
  const assoc = bool(lc.inputs.associatePublicIpAddress);
  if (assoc === true || assoc === "unknown")
    return { address: { label: `public-ip:${lc.name}`, urn: lc.urn }, subnetDecides: false };
  return { subnetDecides: assoc === undefined };
}

/**
 * Several templates launching into one group (a mixed instances policy): the subnet decides if it decides for any of
 * them, and an address any of them asks for stands (one known to exist before one that may).
 */
export function anyTemplateAddressChoice(choices: TemplateAddressChoice[]): TemplateAddressChoice {
  const addresses = choices.flatMap((c) => (c.address ? [c.address] : []));
  const address = addresses.find((a) => !a.unverified) ?? addresses[0];
  return { ...(address ? { address } : {}), subnetDecides: choices.some((c) => c.subnetDecides) };
}
