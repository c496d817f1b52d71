// Custom ECS images the stack creates, found by the name a scaling configuration (or an instance) may give instead of
// an image id. Custom names are free text and may copy a public Windows image's (win2022_…_alibase_….vhd): a
// resource naming a stack image may get that image, so only the image's own OS may say it runs Windows.
import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { unwrap } from "../../lib/reachability/resource";
import { linkOf } from "./links";
import { allOf, Proof } from "./proof";

interface ImageSource {
  /** Fields holding the image's name (the deprecated `name` included). */
  names: string[];
  /** Fields saying its OS, first set wins; none when the image's inputs do not say it (a copy of another image). */
  os: string[];
}

/** Unset, an Image's platform defaults to "Others Linux" and an ImageImport's osType to "linux". */
export const STACK_IMAGES: Record<string, ImageSource> = {
  "alicloud:ecs/image:Image": { names: ["imageName", "name"], os: ["platform"] },
  "alicloud:ecs/imageImport:ImageImport": { names: ["imageName"], os: ["osType", "platform"] },
  "alicloud:ecs/imageCopy:ImageCopy": { names: ["imageName"], os: [] },
};

/** "Windows Server 2022" (platform) or "windows" (osType). */
const WINDOWS_OS = /^windows/i;

function runsWindows(image: GenericResource, source: ImageSource): Proof {
  const field = source.os.find((f) => {
    const v = unwrap(image.inputs[f]);
    return v !== undefined && v !== null && v !== "";
  });
  if (field === undefined) return "no";
  const v = unwrap(image.inputs[field]);
  if (isUnknown(v)) return "unknown";
  return typeof v === "string" && WINDOWS_OS.test(v) ? "yes" : "no";
}

export interface NamedStackImages {
  images: GenericResource[];
  /** Whether every one of them runs Windows. */
  windows: Proof;
}

/** The stack's custom images that `host`'s imageName names: by equal name, or as an output of the image. */
export function stackImagesNamed(host: GenericResource, resources: readonly GenericResource[]): NamedStackImages {
  const images = resources.filter((r) => {
    const source = STACK_IMAGES[r.type];
    return source !== undefined && linkOf(host, "imageName", r, source.names) === "yes";
  });
  return { images, windows: allOf(images.map((i) => runsWindows(i, STACK_IMAGES[i.type]))) };
}
