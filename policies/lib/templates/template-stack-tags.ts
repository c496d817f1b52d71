// The tags a template resource takes from the stack that deploys it. CloudFormation propagates a stack's tags to the
// resources it creates (S3 buckets among them), and a stack set's to the resources of its instances; ROS documents
// the same for a stack's tags, the resource's own tag winning, without listing the types it tags: an OSS bucket is
// taken as tagged, failing closed, since a tag marking evidence only adds checks. Each container keeps its stack tags
// in its `tags` input (the AWS provider adds its default tags beneath them: provider-default-tags.ts). They travel
// with the placed props (template-placement.ts), so resource and stack rules read them alike.
import { isUnknown, unwrap } from "../../../lib/reachability/resource";
import { obj } from "../../../lib/values";
import type { DefaultTags } from "../provider-default-tags";

const stackTagsByProps = new WeakMap<object, DefaultTags>();

/** A container's own tags: none, a map (values may be unknown), or a map unknown at preview. */
function containerTags(containerProps: Record<string, unknown>): DefaultTags {
  const tags = unwrap(containerProps.tags);
  if (isUnknown(tags)) return "unknown";
  const map = obj(tags);
  return map && Object.fromEntries(Object.entries(map).map(([key, value]) => [key, unwrap(value)]));
}

/** Remembers, for a template resource's placed props, the tags of the container that deploys it. */
export function rememberStackTags(props: object, containerProps: Record<string, unknown>): void {
  const tags = containerTags(containerProps);
  if (tags !== undefined) stackTagsByProps.set(props, tags);
}

/** The tags a resource's stack gives it: none for a resource the program declares. */
export function stackTagsOf(props: object): DefaultTags {
  return stackTagsByProps.get(props);
}
