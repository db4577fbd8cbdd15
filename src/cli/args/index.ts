// The argument layer: flags from the catalog, AWS CLI value syntax, --cli-input-*, skeletons.

export { parseTimestamp } from "../../kernel/input/coerce.js";
export { buildInput, type CliInput } from "./build-input.js";
export { acceptsShorthand, jsonExample, sampleValue, shorthandExample } from "./examples.js";
export { type FlagKind, type FlagSpec, flagKind, flagsFor } from "./flags.js";
export { parseFlagValue } from "./parse-flag-value.js";
export { generateSkeleton } from "./skeleton.js";
