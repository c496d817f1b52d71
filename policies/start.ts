// The pack's entry as the CLI runs it (package.json "main": dist/index.js, which the build bundles from this file):
// the bundled pack beside it, started from its code cache. Only meaningful in policies/dist/.
import { runBundle } from "./bundle-cache";

runBundle(__dirname);
