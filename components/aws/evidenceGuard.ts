// The evidence guard is shared by both clouds; see ../evidenceGuard.ts.
export { guardEvidence, guardInheritedTransformations, keepEvidence } from "../evidenceGuard";
