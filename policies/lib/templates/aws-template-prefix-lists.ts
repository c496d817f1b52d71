// CloudFormation customer-managed prefix lists (AWS::EC2::PrefixList) as the provider's `aws.ec2.ManagedPrefixList`
// with inline `entries`: a security-group rule naming one by `Ref` (its id) admits its entries, IPv4 and IPv6, as a
// program's list does (lib/reachability/aws/prefix-lists.ts); entries unknown at preview stay unknown.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, tagMap, Translation } from "./embedded-resource";

/** `Entries` (`[{ Cidr, Description }]`) as the provider's `entries` (`[{ cidr, description }]`). */
function entries(value: unknown): unknown {
  if (value === undefined || isUnknown(value)) return value;
  return list(value).map((e) =>
    isUnknown(e) ? UNKNOWN : defined({ cidr: obj(e)?.Cidr, description: obj(e)?.Description }),
  );
}

const prefixList: Translation = (read) => [
  {
    type: "aws:ec2/managedPrefixList:ManagedPrefixList",
    props: defined({
      name: read("PrefixListName"),
      addressFamily: read("AddressFamily"),
      maxEntries: read("MaxEntries"),
      entries: entries(read("Entries")),
      tags: tagMap(read("Tags")),
    }),
  },
];

export const AWS_PREFIX_LIST_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::EC2::PrefixList", prefixList],
]);
