// Makes every child of a component wait for a check that can only run after `super` (a provider's region, read by an
// invoke, or an argument given as an Output). Waiting through inputs misses children that shared helpers make from
// none of the component's inputs (`createWormBucket`'s KMS key), so the gate adds the check to each child's
// `dependsOn` instead: a failing check then registers no child at all, retained stores and keys included, and the
// error is never wrapped by a property.
// The children's inputs keep their own values: a check still unknown at preview leaves them known.
import * as pulumi from "@pulumi/pulumi";

export class ChildGate {
  private check?: pulumi.Output<pulumi.Resource[]>;

  /** The component's options with the gate's transformation after its own: pass the result to `super`. */
  options(opts: pulumi.ComponentResourceOptions | undefined): pulumi.ComponentResourceOptions {
    return { ...opts, transformations: [...(opts?.transformations ?? []), this.transformation] };
  }

  /** Children made from now on wait for `check`; when it throws, none of them is registered. Call before the first. */
  waitFor(check: pulumi.Output<unknown>): void {
    this.check = check.apply((): pulumi.Resource[] => []);
  }

  private readonly transformation: pulumi.ResourceTransformation = ({ props, opts }) => {
    // The component itself runs this too, before any check exists.
    if (this.check === undefined) return undefined;
    const listed: unknown[] = opts.dependsOn === undefined ? [] : [opts.dependsOn].flat();
    // The check is an Output of no resources: the SDK waits for it as for any dependency (a list, an Output of
    // one or a resource may sit in the list), and adds none.
    return { props, opts: { ...opts, dependsOn: [...listed, this.check] as pulumi.Input<pulumi.Resource>[] } };
  };
}
