// AWS providers tag every resource they manage with their default tags: an explicit provider's `defaultTags: { tags }`
// input, or the default provider's `aws:defaultTags` stack config, which the engine hands the provider as its inputs.
// Both reach policies as JSON text (the SDK serialises provider inputs; config objects are stored as JSON). A
// resource's own tag overrides a default tag of the same key, as AWS merges them into tagsAll. Alibaba Cloud's
// provider has no such setting (no tag input in @pulumi/alicloud's ProviderArgs nor in its config).
import { GenericResource } from "../../lib/reachability";
import { isUnknown, unwrap } from "../../lib/reachability/resource";
import { obj, rawProps } from "../../lib/values";
import { decoded } from "./provider-account";
import { ProvidedResource } from "./provider-accounts";
import { CheckContext } from "./rule";

/** The provider's default tags: none, a map (values may be unknown), or a map unknown at preview. */
export type DefaultTags = Record<string, unknown> | "unknown" | undefined;

/** Resource types whose provider reads defaultTags: the AWS package's. */
const TAGGING_PACKAGE = /^aws:/;

/** The default tags a provider with these inputs adds to a resource of this type. */
export function defaultTagsOf(resourceType: string, providerInputs: Record<string, unknown> | undefined): DefaultTags {
  if (!TAGGING_PACKAGE.test(resourceType) || !providerInputs) return undefined;
  const block = decoded(providerInputs.defaultTags);
  if (isUnknown(block)) return "unknown";
  const tags = decoded(obj(block)?.tags);
  if (isUnknown(tags)) return "unknown";
  const map = obj(tags);
  if (!map) return undefined;
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, unwrap(value)]));
}

/**
 * A resource a raw template deploys, placed in its container: the container's provider tags the container (an
 * aws.cloudformation.Stack or StackSet), whose stack tags CloudFormation propagates to the buckets it creates.
 */
export interface TemplateTaggedResource extends GenericResource {
  containerDefaultTags?: DefaultTags;
}

/** The default tags a container's provider gives it, for the resources its template deploys (none: left out). */
export function inheritedDefaultTags(container: GenericResource): Pick<TemplateTaggedResource, "containerDefaultTags"> {
  const tags = resourceDefaultTags(container);
  return tags === undefined ? {} : { containerDefaultTags: tags };
}

/**
 * The default tags of a stack resource's provider, when the engine sent its inputs; for a template resource, its
 * container's (as the resource rules read them: a template resource is checked with its container's provider).
 */
export function resourceDefaultTags(r: GenericResource): DefaultTags {
  const inherited = (r as TemplateTaggedResource).containerDefaultTags;
  return inherited ?? defaultTagsOf(r.type, (r as ProvidedResource).providerInputs);
}

/** The default tags of the provider a resource rule's check sees. */
export const checkedDefaultTags = (ctx: CheckContext<unknown>): DefaultTags =>
  defaultTagsOf(ctx.type, ctx.provider && rawProps(ctx.provider.props));
