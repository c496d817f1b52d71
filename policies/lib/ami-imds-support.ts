// An AMI registered with imdsSupport "v2.0" makes IMDSv2 the default of every instance launched from it: a launch
// that leaves httpTokens out gets "required" (an explicit "optional" still wins, and so does an account default that
// says optional). Only `ec2.Ami` takes the setting as an input; copies and AMIs made from instances only report it.
// The launch names the image by `ami` (instances, spot requests) or `imageId` (launch templates and configurations):
// a known id, or at preview the single AMI of the stack its property dependencies name.
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/resolver";
import { isUnknown } from "../../lib/values";
import { is } from "./text-values";

export const AMI = "aws:ec2/ami:Ami";

/** The input a launch names its image by. */
const IMAGE_FIELD: Readonly<Record<string, string>> = {
  "aws:ec2/instance:Instance": "ami",
  "aws:ec2/spotInstanceRequest:SpotInstanceRequest": "ami",
  "aws:ec2/launchTemplate:LaunchTemplate": "imageId",
  "aws:ec2/launchConfiguration:LaunchConfiguration": "imageId",
};

/** What the launch's image says of IMDSv2: it requires it, may (its imdsSupport unknown), or leaves it to others. */
export type ImageDefault = { verdict: "required" | "unknown"; ami: GenericResource } | { verdict: "none" };

export function imageImdsDefault(launch: GenericResource, resolver: Resolver): ImageDefault {
  const field = IMAGE_FIELD[launch.type];
  if (!field) return { verdict: "none" };
  const urn = resolver.one(launch, field, launch.inputs[field], [AMI]);
  const ami = urn ? resolver.get(urn) : undefined;
  if (!ami) return { verdict: "none" };
  const support = ami.inputs.imdsSupport;
  if (isUnknown(support)) return { verdict: "unknown", ami };
  return is(support, "v2.0") ? { verdict: "required", ami } : { verdict: "none" };
}
