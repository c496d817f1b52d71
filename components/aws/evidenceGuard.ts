// The evidence guard is shared by both clouds; see ../evidenceGuard.ts.
export { evidenceWriter, guardEvidence, guardInheritedTransformations, keepEvidence } from "../evidenceGuard";
