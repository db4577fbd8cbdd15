// Moved to src/kernel/input/ so the stack loader (a floor below) checks files with the same rules;
// re-exported here for the argument parser and the commands that import it from here.
export * from "../../kernel/input/coerce.js";
