// The IPv6 addresses a ROS resource asks for on an instance's primary interface (`Ipv6AddressCount`, or the
// `Ipv6Addresses` themselves), under the names of the provider's instance, which the network model reads: ECS
// instances, instance groups and subscription instances, instance group clones, and ALIYUN::ECS::AssignIpv6Addresses.
import { PropertyReader } from "./embedded-resource";

export interface InstanceIpv6 {
  ipv6AddressCount: unknown;
  ipv6Addresses: unknown;
}

export const instanceIpv6 = (read: PropertyReader): InstanceIpv6 => ({
  ipv6AddressCount: read("Ipv6AddressCount"),
  ipv6Addresses: read("Ipv6Addresses"),
});
