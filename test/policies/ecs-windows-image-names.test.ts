// disallow-ecs-password-login: a public Windows image's name exempts a password only while no custom image of the
// stack bears that name (custom names are free text); the custom image's own platform may still say Windows.
import { planTable, runPlan } from "./combined-table";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { rule } from "./templates-fixtures";

const policy = rule("disallow-ecs-password-login");

const SCALING = "alicloud:ess/scalingConfiguration:ScalingConfiguration";
const INSTANCE = "alicloud:ecs/instance:Instance";
const IMAGE = "alicloud:ecs/image:Image";
const IMAGE_IMPORT = "alicloud:ecs/imageImport:ImageImport";
const IMAGE_COPY = "alicloud:ecs/imageCopy:ImageCopy";

const WINDOWS_NAME = "win2022_21H2_x64_dtc_en-us_40G_alibase_20240125.vhd";
const PASSWORD = "Str0ng-but-still-a-password";

const scaling = (props: Record<string, unknown>, propertyDependencies?: Record<string, string[]>): StackInput => ({
  type: SCALING,
  name: "sc",
  props: { scalingGroupId: "asg-1", instanceType: "ecs.g7.large", password: PASSWORD, ...props },
  ...(propertyDependencies ? { propertyDependencies } : {}),
});
const image = (props: Record<string, unknown>, type = IMAGE, name = "golden"): StackInput => ({ type, name, props });

describe("disallow-ecs-password-login: public Windows image names a stack image also bears", () => {
  planTable(policy, [
    {
      name: "public Windows name, no image in the stack: exempt",
      resources: [scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
    },
    {
      name: "custom image of the stack with that very name (platform unset, Others Linux)",
      resources: [image({ imageName: WINDOWS_NAME, instanceId: "i-1" }), scaling({ imageName: WINDOWS_NAME })],
      violations: 1,
      mentions: "password is set",
      urn: urnOf(SCALING, "sc"),
    },
    {
      name: "custom image with that name and a Linux platform",
      resources: [image({ imageName: WINDOWS_NAME, platform: "Ubuntu" }), scaling({ imageName: WINDOWS_NAME })],
      violations: 1,
      mentions: "whose platform is not Windows",
    },
    {
      name: "custom image named by the deprecated name field",
      resources: [image({ name: WINDOWS_NAME }), scaling({ imageName: WINDOWS_NAME })],
      violations: 1,
    },
    {
      name: "password and kmsEncryptedPassword both judged",
      resources: [
        image({ imageName: WINDOWS_NAME }),
        scaling({ imageName: WINDOWS_NAME, kmsEncryptedPassword: "cipher" }),
      ],
      violations: 2,
    },
    {
      name: "custom image with that name and a Windows platform: exempt",
      resources: [
        image({ imageName: WINDOWS_NAME, platform: "Windows Server 2022" }),
        scaling({ imageName: WINDOWS_NAME }),
      ],
      violations: 0,
    },
    {
      name: "custom image's platform unknown at preview: a note",
      resources: [image({ imageName: WINDOWS_NAME, platform: UNKNOWN }), scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed when configured",
      resources: [image({ imageName: WINDOWS_NAME, platform: UNKNOWN }), scaling({ imageName: WINDOWS_NAME })],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "the name is the image's output (image name unknown at preview, linked by dependency)",
      resources: [
        image({ imageName: UNKNOWN }),
        scaling({ imageName: WINDOWS_NAME }, { imageName: [urnOf(IMAGE, "golden")] }),
      ],
      violations: 1,
    },
    {
      name: "custom image with another name",
      resources: [image({ imageName: "golden-linux" }), scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
    },
    {
      // Unlinked, its name may still turn out to be the public one: the exemption is unconfirmed.
      name: "custom image whose name is unknown and not linked",
      resources: [image({ imageName: UNKNOWN }), scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
      notes: 1,
    },
    {
      // The API ignores imageName when imageId is set.
      name: "public Windows image id beside a same-named custom image",
      resources: [
        image({ imageName: WINDOWS_NAME }),
        scaling({ imageId: "win2022_21H2_x64", imageName: WINDOWS_NAME }),
      ],
      violations: 0,
    },
    {
      name: "imported image with that name, osType linux",
      resources: [
        image({ imageName: WINDOWS_NAME, osType: "linux", platform: "Ubuntu" }, IMAGE_IMPORT),
        scaling({ imageName: WINDOWS_NAME }),
      ],
      violations: 1,
    },
    {
      name: "imported image with that name, osType windows: exempt",
      resources: [
        image({ imageName: WINDOWS_NAME, osType: "windows" }, IMAGE_IMPORT),
        scaling({ imageName: WINDOWS_NAME }),
      ],
      violations: 0,
    },
    {
      name: "copied image with that name (its OS is not in its inputs)",
      resources: [
        image({ imageName: WINDOWS_NAME, sourceImageId: "m-1" }, IMAGE_COPY),
        scaling({ imageName: WINDOWS_NAME }),
      ],
      violations: 1,
    },
    {
      name: "one Windows and one Linux image with that name",
      resources: [
        image({ imageName: WINDOWS_NAME, platform: "Windows Server 2019" }, IMAGE, "win"),
        image({ imageName: WINDOWS_NAME }, IMAGE, "linux"),
        scaling({ imageName: WINDOWS_NAME }),
      ],
      violations: 1,
    },
    {
      name: "instance without an image id, named like a public Windows image a custom image bears",
      resources: [
        image({ imageName: WINDOWS_NAME }),
        { type: INSTANCE, name: "vm", props: { imageName: WINDOWS_NAME, password: PASSWORD } },
      ],
      violations: 1,
      urn: urnOf(INSTANCE, "vm"),
    },
    {
      name: "same-named custom image, no password set",
      resources: [image({ imageName: WINDOWS_NAME }), scaling({ imageName: WINDOWS_NAME, password: undefined })],
      violations: 0,
    },
  ]);

  it("says which custom image bears the name", async () => {
    const ds = await runPlan(policy, [image({ imageName: WINDOWS_NAME }), scaling({ imageName: WINDOWS_NAME })]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain(`imageName "${WINDOWS_NAME}" is also the name of custom image golden`);
  });
});

describe("disallow-ecs-password-login: a stack image whose name is unknown at preview may bear the public name", () => {
  const vm = (props: Record<string, unknown>): StackInput => ({
    type: INSTANCE,
    name: "vm",
    props: { imageName: WINDOWS_NAME, password: PASSWORD, ...props },
  });
  planTable(policy, [
    {
      name: "name unknown, platform Ubuntu: a note, not a pass",
      resources: [image({ imageName: UNKNOWN, platform: "Ubuntu" }), scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
      notes: 1,
    },
    {
      name: "name unknown, platform unset (Others Linux): a note",
      resources: [image({ imageName: UNKNOWN, instanceId: "i-1" }), scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
      notes: 1,
    },
    {
      name: "name and platform both unknown: a note",
      resources: [image({ imageName: UNKNOWN, platform: UNKNOWN }), scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
      notes: 1,
    },
    {
      name: "deprecated name field unknown: a note",
      resources: [image({ name: UNKNOWN, platform: "CentOS" }), scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
      notes: 1,
    },
    {
      name: "imported image, name unknown, osType linux: a note",
      resources: [image({ imageName: UNKNOWN, osType: "linux" }, IMAGE_IMPORT), scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
      notes: 1,
    },
    {
      name: "copied image, name unknown (its OS is not in its inputs): a note",
      resources: [
        image({ imageName: UNKNOWN, sourceImageId: "m-1" }, IMAGE_COPY),
        scaling({ imageName: WINDOWS_NAME }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "name unknown, linked to another resource the host does not use: still a note",
      resources: [
        { ...image({ imageName: UNKNOWN, platform: "Ubuntu" }), propertyDependencies: { imageName: ["urn:suffix"] } },
        scaling({ imageName: WINDOWS_NAME }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "an instance beside it: a note too",
      resources: [image({ imageName: UNKNOWN }), vm({})],
      violations: 0,
      notes: 1,
    },
    {
      name: "password unknown at preview (a generated one) is still a password: a note",
      resources: [image({ imageName: UNKNOWN }), scaling({ imageName: WINDOWS_NAME, password: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "fails closed when configured",
      resources: [image({ imageName: UNKNOWN, platform: "Ubuntu" }), scaling({ imageName: WINDOWS_NAME })],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "name unknown, platform Windows: exempt",
      resources: [image({ imageName: UNKNOWN, platform: "Windows Server 2022" }), scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
    },
    {
      name: "imported image, name unknown, osType windows: exempt",
      resources: [image({ imageName: UNKNOWN, osType: "windows" }, IMAGE_IMPORT), scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
    },
    {
      name: "a known different name stays no match",
      resources: [image({ imageName: "golden-linux", platform: "Ubuntu" }), scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
    },
    {
      name: "no name given at all (the cloud names it): no match",
      resources: [image({ platform: "Ubuntu", instanceId: "i-1" }), scaling({ imageName: WINDOWS_NAME })],
      violations: 0,
    },
    {
      name: "name unknown, no password set: nothing to exempt",
      resources: [image({ imageName: UNKNOWN }), scaling({ imageName: WINDOWS_NAME, password: undefined })],
      violations: 0,
    },
    {
      name: "platform unknown, no password set: nothing to exempt either",
      resources: [
        image({ imageName: WINDOWS_NAME, platform: UNKNOWN }),
        scaling({ imageName: WINDOWS_NAME, password: undefined }),
      ],
      violations: 0,
    },
    {
      name: "public Windows image id: the name is ignored, exempt",
      resources: [image({ imageName: UNKNOWN }), scaling({ imageId: "win2022_21H2_x64", imageName: WINDOWS_NAME })],
      violations: 0,
    },
    {
      name: "a surely same-named Linux image beside it: a violation, no note",
      resources: [
        image({ imageName: WINDOWS_NAME, platform: "Ubuntu" }, IMAGE, "same"),
        image({ imageName: UNKNOWN }, IMAGE, "unnamed"),
        scaling({ imageName: WINDOWS_NAME }),
      ],
      violations: 1,
      mentions: "whose platform is not Windows",
    },
    {
      name: "a surely same-named Windows image does not vouch for an unnamed Linux one: a note",
      resources: [
        image({ imageName: WINDOWS_NAME, platform: "Windows Server 2022" }, IMAGE, "same"),
        image({ imageName: UNKNOWN, platform: "Ubuntu" }, IMAGE, "unnamed"),
        scaling({ imageName: WINDOWS_NAME }),
      ],
      violations: 0,
      notes: 1,
    },
  ]);

  it("names the image whose name is unknown, and the name it may take", async () => {
    const ds = await runPlan(policy, [
      image({ imageName: UNKNOWN, platform: "Ubuntu" }),
      scaling({ imageName: WINDOWS_NAME }),
    ]);
    expect(ds).toHaveLength(1);
    expect(ds[0].level).toBe("advisory");
    expect(ds[0].urn).toBe(urnOf(SCALING, "sc"));
    expect(ds[0].message).toContain("cannot be verified at preview: the name of custom image golden is unknown");
    expect(ds[0].message).toContain(WINDOWS_NAME);
  });
});
