// An ARN argument names a resource somewhere: a partition and, mostly, a region. AWS refuses one of the wrong place
// only at deployment, after whatever came before it exists, so each is checked here, with one predicate (isArnIn) for
// every component. An ARN whose partition is not its own region's names nothing anywhere and is refused the same way.
import { arnParts, ArnPlace, isArnIn, partitionOfRegionName } from "../../lib/aws-names";
import { Problems, ValidationProblem } from "../validation";

/** Where an argument's ARN must be, why, and what to do instead. */
export interface RequiredPlace extends ArnPlace {
  /** Why it must be there, e.g. "a mirror target must be in the session's region". */
  why: string;
  fix: string;
}

const placeText = (place: ArnPlace): string =>
  [place.partition && `partition ${place.partition}`, place.region && `region ${place.region}`]
    .filter(Boolean)
    .join(" and ");

/** The problem with where `value` (an ARN already checked for its form) is, or undefined when it is in `required`. */
export function arnPlaceProblem(
  argument: string,
  value: unknown,
  required: RequiredPlace,
): ValidationProblem | undefined {
  const arn = arnParts(value);
  if (arn === undefined) return undefined;
  if (!isArnIn(arn)) {
    const own = partitionOfRegionName(arn.region);
    return {
      argument,
      value,
      allowed: `an ARN whose partition is its region's (${own} for ${arn.region})`,
      fix: "pass the ARN as AWS gives it (the resource's arn output), not one written by hand",
    };
  }
  if (isArnIn(arn, required)) return undefined;
  return { argument, value, allowed: `an ARN of ${placeText(required)}: ${required.why}`, fix: required.fix };
}

/** Reports `value` unless it is in `required`; true when it is (or is no ARN: its form is the caller's check). */
export function checkArnPlace(problems: Problems, argument: string, value: unknown, required: RequiredPlace): boolean {
  const problem = arnPlaceProblem(argument, value, required);
  if (problem) problems.add(problem.argument, problem.value, problem.allowed, problem.fix);
  return problem === undefined;
}
