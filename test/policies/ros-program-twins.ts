// Pieces the ROS template tests that compare a template with its program twin share: the template's body and the
// container deploying it (with the parameters the program passes), and a program resource with a known id.
import { StackInput } from "./harness";
import { ROS_STACK, TemplateResources } from "./templates-fixtures";

/** A JSON ROS body with these resources and parameters. */
export const rosBody = (resources: TemplateResources, parameters: Record<string, unknown> = {}) =>
  JSON.stringify({ ROSTemplateFormatVersion: "2015-09-01", Parameters: parameters, Resources: resources });

/** The container's `parameters` input for these values. */
export const given = (values: Record<string, unknown>) => ({
  parameters: Object.entries(values).map(([parameterKey, parameterValue]) => ({ parameterKey, parameterValue })),
});

/** A ROS stack named "app" deploying `body`, with other inputs. */
export const container = (body: string, props: Record<string, unknown> = {}): StackInput => ({
  type: ROS_STACK,
  name: "app",
  props: { templateBody: body, ...props },
});

/** A program resource of `alicloud:<type>` whose id is known (`<name>-id`). */
export const res = (type: string, name: string, props: Record<string, unknown>): StackInput => ({
  type: `alicloud:${type}`,
  name,
  props: { id: `${name}-id`, ...props },
});
