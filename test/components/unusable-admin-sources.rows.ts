// Admin source rows both clouds read alike (components/plan/unusableSources.ts): addresses no operator connects from,
// each with the block its message must name, and the private and narrow public sources that stay allowed.

/** [entry, the block the refusal names]. Every entry is in exact form, so only its address space is wrong. */
export const UNUSABLE_ROWS: readonly (readonly [string, string])[] = [
  ["0.0.0.0/8", "0.0.0.0/8"],
  ["0.0.0.0/32", "0.0.0.0/8"],
  ["224.0.0.0/4", "224.0.0.0/4"],
  ["239.255.255.250/32", "224.0.0.0/4"],
  ["240.0.0.0/4", "240.0.0.0/4"],
  ["255.255.255.255/32", "240.0.0.0/4"],
  // Multicast and class E together: inside no one block, inside their union.
  ["224.0.0.0/3", "224.0.0.0/4, 240.0.0.0/4"],
  ["127.0.0.0/8", "127.0.0.0/8"],
  ["127.0.0.1/32", "127.0.0.0/8"],
  ["169.254.169.254/32", "169.254.0.0/16"],
  ["::/128", "::/127"],
  ["::1/128", "::/127"],
  ["::/96", "::/96"],
  ["::cb00:7100/120", "::/96"],
  ["::ffff:0:0/96", "::ffff:0:0/96"],
  ["64:ff9b::/96", "64:ff9b::/96"],
  ["64:ff9b:1::/48", "64:ff9b:1::/48"],
  ["64:ff9b:1:abcd::/64", "64:ff9b:1::/48"],
  ["fe80::/64", "fe80::/10"],
  ["ff02::1/128", "ff00::/8"],
  ["100::/64", "100::/64"],
];

/** Private ranges (VPNs, peered networks, carrier-grade NAT) and narrow public blocks: accepted as today. */
export const USABLE_ROWS: readonly string[] = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.1.0/24",
  "100.64.0.0/10",
  "fc00::/7",
  "fd12:3456:789a::/48",
  "203.0.113.0/28",
  "198.51.100.7/32",
  "2001:db8:1::/48",
  // Next to reserved space, not in it.
  "1.0.0.0/24",
  "223.255.255.0/24",
  "169.253.255.0/24",
  "64:ff9b:2::/48",
];
