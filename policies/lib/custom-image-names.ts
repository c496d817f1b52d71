// Custom ECS images the stack creates, found by the name a scaling configuration (or an instance) may give instead of
// an image id. Custom names are free text and may copy a public Windows image's (win2022_…_alibase_….vhd): a
// resource naming a stack image may get that image, so only the image's own OS may say it runs Windows. An image
// whose name is unknown at preview may bear any name.
import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { unwrap } from "../../lib/reachability/resource";
import { isKnownName } from "./known-text";
import { Link, linkOf } from "./links";
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
  /** The images surely bearing the name. */
  images: GenericResource[];
  /** Whether every one of them runs Windows. */
  windows: Proof;
  /** Images whose name is unknown at preview and whose OS is not surely Windows: any of them may bear the name. */
  unnamed: GenericResource[];
}

/** No name field known and one unknown at preview: the image may be given any name, a public Windows one included. */
function nameUnknown(image: GenericResource, source: ImageSource): boolean {
  const values = source.names.map((f) => unwrap(image.inputs[f]));
  return !values.some(isKnownName) && values.some(isUnknown);
}

/**
 * Whether `host`'s imageName names the image: by equal name, or as an output of the image; "maybe" when the image's
 * name is unknown at preview, whatever it depends on (an unknown name linked to nothing may still equal a known one).
 */
function namesImage(host: GenericResource, image: GenericResource, source: ImageSource): Link {
  const link = linkOf(host, "imageName", image, source.names);
  return link === "no" && nameUnknown(image, source) ? "maybe" : link;
}

/** The stack's custom images that `host`'s imageName names surely, and those whose unknown name it may. */
export function stackImagesNamed(host: GenericResource, resources: readonly GenericResource[]): NamedStackImages {
  const images: GenericResource[] = [];
  const unnamed: GenericResource[] = [];
  for (const r of resources) {
    const source = STACK_IMAGES[r.type];
    if (source === undefined) continue;
    const link = namesImage(host, r, source);
    if (link === "yes") images.push(r);
    else if (link === "maybe" && runsWindows(r, source) !== "yes") unnamed.push(r);
  }
  return { images, windows: allOf(images.map((i) => runsWindows(i, STACK_IMAGES[i.type]))), unnamed };
}
