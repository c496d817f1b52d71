// ROS resources that stop an attack while it runs, translated to the Pulumi Alicloud provider's shapes
// require-threat-detection reads: Security Center anti-brute-force rules. ROS has no protocol switch for them, so SSH
// interception stays on, as the provider's protocolType left out keeps it.
import { defined, Translation } from "./embedded-resource";

export const ANTI_BRUTE_FORCE_RULE = "alicloud:threatdetection/antiBruteForceRule:AntiBruteForceRule";

const antiBruteForceRule: Translation = (read) => [
  {
    type: ANTI_BRUTE_FORCE_RULE,
    props: defined({
      antiBruteForceRuleName: read("AntiBruteForceRuleName"),
      defaultRule: read("DefaultRule"),
      uuidLists: read("UuidList"),
      failCount: read("FailCount"),
      span: read("Span"),
      forbiddenTime: read("ForbiddenTime"),
    }),
  },
];

export const ROS_THREAT_DETECTION_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::ThreatDetection::AntiBruteForceRule", antiBruteForceRule],
]);
