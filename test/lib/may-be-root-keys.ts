// The note a line gets when it writes keys under a home the reader does not know (a variable from outside, a loop's
// word it cannot know, a loop it reads line by line): advisory, since the home may be root's.
import { LoginWeakness } from "../../lib/userdata";
import { UNKNOWN_HOME_NOTE } from "../../lib/userdata-root-keys";

export const mayBeRootKeys = (line: string): LoginWeakness => ({
  kind: "root-authorized-keys",
  line,
  note: UNKNOWN_HOME_NOTE,
  unverifiable: true,
});
