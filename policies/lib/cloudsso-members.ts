// Which of the stack's CloudSSO directories a user belongs to. A directory's id is an output, so a user names a
// declared directory only through it (a property dependency, links.ts); a literal directoryId names a directory the
// stack does not declare, whose password policy and MFA setting it cannot judge (custom ids may look like any other).
import { GenericResource } from "../../lib/reachability";
import { linkOf } from "./links";

/** The declared directories whose id the user's directoryId is (at most one, unless the plan is malformed). */
export const directoriesOfUser = (user: GenericResource, directories: readonly GenericResource[]): GenericResource[] =>
  directories.filter((d) => linkOf(user, "directoryId", d, ["id"]) === "yes");
