// Builds the commander command for one API operation from its catalog entry: every input member
// becomes a flag (named as the AWS CLI names it), plus --cli-input-json/yaml and
// --generate-cli-skeleton. Generated, never hand-written per operation.
import { Command, Option } from "commander";
import type { Operation } from "../cognito/catalog.js";
import { type FlagSpec, flagsFor } from "./args/index.js";

export interface OperationCommand {
  command: Command;
  /** commander attribute name → the member it fills. */
  members: Map<string, FlagSpec>;
}

export function buildOperationCommand(op: Operation): OperationCommand {
  const command = new Command(op.cliName).description(op.summary);
  const members = new Map<string, FlagSpec>();
  for (const spec of flagsFor(op)) {
    if (spec.kind === "boolean") {
      const on = new Option(spec.flag, spec.doc ?? "");
      const off = new Option(`--no-${spec.flag.slice(2)}`, `Set ${spec.member} to false`);
      command.addOption(on);
      command.addOption(off);
      members.set(on.attributeName(), spec);
      continue;
    }
    const isList = spec.shape.type === "list";
    const option = new Option(`${spec.flag} <value${isList ? "..." : ""}>`, spec.doc ?? "");
    command.addOption(option);
    members.set(option.attributeName(), spec);
  }
  command.addOption(
    new Option("--cli-input-json <json>", "Read arguments from a JSON string or file://path"),
  );
  command.addOption(
    new Option("--cli-input-yaml <yaml>", "Read arguments from a YAML string or file://path"),
  );
  command.addOption(
    new Option(
      "--generate-cli-skeleton [kind]",
      "Print a skeleton of the input (input, yaml-input) or output (output)",
    ).choices(["input", "yaml-input", "output"]),
  );
  return { command, members };
}
