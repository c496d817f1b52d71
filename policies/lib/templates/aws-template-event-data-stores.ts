// CloudTrail Lake event data stores (`AWS::CloudTrail::EventDataStore`) as `aws.cloudtrail.EventDataStore`, which the
// audit-trail rules count as a trail (event-data-stores.ts). Every property keeps its name but one: the template
// says whether the store ingests (IngestionEnabled, true by default), the provider whether it is suspended.
import { bool, isUnknown, UNKNOWN } from "../../../lib/values";
import { EVENT_DATA_STORE } from "../event-data-stores";
import { advancedEventSelectors } from "./aws-template-event-selectors";
import { defined, tagMap, Translation } from "./embedded-resource";

/** The provider's `suspend` ("true"/"false") for IngestionEnabled; a value CloudFormation would reject is neither. */
function suspendFor(ingestionEnabled: unknown): unknown {
  if (ingestionEnabled === undefined || ingestionEnabled === null) return undefined;
  if (isUnknown(ingestionEnabled)) return UNKNOWN;
  const ingesting = bool(ingestionEnabled);
  return ingesting === undefined ? UNKNOWN : String(!ingesting);
}

const eventDataStore: Translation = (read) => [
  {
    type: EVENT_DATA_STORE,
    props: defined({
      name: read("Name"),
      suspend: suspendFor(read("IngestionEnabled")),
      multiRegionEnabled: read("MultiRegionEnabled"),
      organizationEnabled: read("OrganizationEnabled"),
      advancedEventSelectors: advancedEventSelectors(read("AdvancedEventSelectors")),
      retentionPeriod: read("RetentionPeriod"),
      terminationProtectionEnabled: read("TerminationProtectionEnabled"),
      billingMode: read("BillingMode"),
      kmsKeyId: read("KmsKeyId"),
      tags: tagMap(read("Tags")),
    }),
  },
];

export const AWS_EVENT_DATA_STORE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::CloudTrail::EventDataStore", eventDataStore],
]);
