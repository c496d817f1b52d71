// The gate is shared by both clouds; see ../childGate.ts.
export { ChildGate } from "../childGate";
