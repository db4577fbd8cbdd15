// cogctl's entry: argv in, exit code out. Only the invoked command is built (start-up time is a
// feature for scripts that call cogctl in loops); every error ends here and becomes the AWS CLI's
// message and exit code.
import { Command, CommanderError } from "commander";
import { loadIndex, loadOperation } from "../cognito/catalog.js";
import type { Context, GlobalOptions, Paths } from "../kernel/context.js";
import { createContext } from "../kernel/create-context.js";
import { normalize } from "../kernel/error-mapping.js";
import { type CliError, ExitCode, UsageError } from "../kernel/errors.js";
import { didYouMean } from "../kernel/input/did-you-mean.js";
import { argumentsNotUtf8 } from "../kernel/io/argv.js";
import { type ColorMode, createProcessIO, type IO } from "../kernel/io/io.js";
import type { Prompter } from "../kernel/io/prompter.js";
import type { OutputFormat } from "../kernel/output/types.js";
import { loadProfileSettings } from "../kernel/profile-settings.js";
import { type CommandRegistry, findCommand } from "./command.js";
import { addGlobalOptions, allowCommandOutputs, resolveGlobals, scanCommandWords } from "./global-options.js";
import { rejectStrayArguments } from "./stray-arguments.js";
import { VERSION } from "./version.js";

export interface MainDeps {
  /** The task commands (commands/index.ts, handed in by commands/main.ts). */
  commands: CommandRegistry;
  io?: IO;
  prompter?: Prompter;
  paths?: Paths;
  clock?: () => Date;
}

type Target =
  | { kind: "help" }
  | { kind: "operation"; name: string }
  | { kind: "hand-written"; words: string[] }
  | { kind: "group"; words: string[] }
  | { kind: "unknown"; word: string };

function findTarget(words: string[], handWrittenCommands: CommandRegistry): Target {
  if (words.length === 0) return { kind: "help" };
  for (let n = Math.min(words.length, 3); n >= 1; n--) {
    const key = words.slice(0, n).join(" ");
    if (findCommand(handWrittenCommands, key)) return { kind: "hand-written", words: words.slice(0, n) };
  }
  for (let n = Math.min(words.length, 2); n >= 1; n--) {
    const prefix = `${words.slice(0, n).join(" ")} `;
    if (Object.keys(handWrittenCommands).some((k) => k.startsWith(prefix))) {
      return { kind: "group", words: words.slice(0, n) };
    }
  }
  if (words[0] === "help") return { kind: "help" };
  if (loadOperation(words[0])) return { kind: "operation", name: words[0] };
  return { kind: "unknown", word: words[0] };
}

function colorModeFrom(argv: string[]): ColorMode {
  const i = argv.indexOf("--color");
  const v = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--color="))?.slice(8);
  return v === "on" || v === "off" ? v : "auto";
}

export async function main(argv: string[], deps: MainDeps): Promise<number> {
  const handWrittenCommands = deps.commands;
  const io = deps.io ?? createProcessIO(colorModeFrom(argv));
  const debug = argv.includes("--debug");
  let operationName: string | undefined;
  let globals: GlobalOptions | undefined;
  try {
    if (argv[0] === "__complete") {
      const { completionCandidates } = await import("./complete.js");
      const candidates = await completionCandidates(argv.slice(1), handWrittenCommands);
      io.stdout.write(candidates.length ? `${candidates.join("\n")}\n` : "");
      return ExitCode.OK;
    }
    const notUtf8 = argumentsNotUtf8(argv);
    if (notUtf8.length > 0) throw new UsageError(notUtf8Message(argv, notUtf8[0]!));
    if (argv.includes("--version") && scanCommandWords(argv).length === 0) {
      io.stdout.write(`cogctl/${VERSION} node/${process.version} ${process.platform}/${process.arch}\n`);
      return ExitCode.OK;
    }
    const words = scanCommandWords(argv);
    const wantsHelp = argv.includes("--help") || argv.includes("-h") || words[1] === "help";
    const target = findTarget(words, handWrittenCommands);
    if (
      target.kind === "help" ||
      ((target.kind === "operation" || target.kind === "hand-written") && wantsHelp)
    ) {
      const { printHelp, renderHelp } = await import("./help.js");
      const help = await renderHelp(
        target.kind === "help" ? undefined : target.kind === "operation" ? target.name : target.words,
        io,
        handWrittenCommands,
      );
      await printHelp(help, io, argv);
      return words.length === 0 && !wantsHelp ? ExitCode.USAGE : ExitCode.OK;
    }
    if (target.kind === "group") {
      // `cogctl auth` alone: the group's commands; an error unless help was asked for.
      const { printHelp, renderGroupHelp } = await import("./help.js");
      const text = renderGroupHelp(target.words, handWrittenCommands, io.stdout.columns);
      if (wantsHelp) {
        await printHelp(text, io, argv);
        return ExitCode.OK;
      }
      throw new UsageError(`'cogctl ${target.words.join(" ")}' needs a command:\n${text.trimEnd()}`);
    }
    if (target.kind === "unknown") {
      const names = [
        ...loadIndex().operations.map((o) => o.cliName),
        ...new Set(Object.keys(handWrittenCommands).map((k) => k.split(" ")[0])),
      ];
      throw new UsageError(
        `Unknown command '${target.word}'.${didYouMean(target.word, names)} Run 'cogctl --help' for the list of commands.`,
      );
    }

    const program = new Command("cogctl");
    configureCommand(program);
    addGlobalOptions(program);
    let exitCode: number = ExitCode.OK;
    let terminalOutput: OutputFormat | undefined;
    let commandFormats: readonly string[] = [];
    // The one Context of this invocation: made when the command's action starts, closed once below.
    let context: Context | undefined;
    const makeContext = async (cmd: Command): Promise<Context> => {
      const raw = cmd.optsWithGlobals();
      const settings = await loadProfileSettings(raw.profile as string | undefined, io.env);
      globals = resolveGlobals(raw, io.env, settings, commandFormats);
      // Listing task commands are for people first: their terminal format unless one was asked for.
      // API operations keep the AWS CLI's JSON default everywhere, so scripts see the same output.
      if (terminalOutput && !globals.outputExplicit && io.stdout.isTTY) globals.output = terminalOutput;
      context = createContext(io, globals, { prompter: deps.prompter, paths: deps.paths, clock: deps.clock });
      return context;
    };

    if (target.kind === "operation") {
      operationName = target.name;
      const op = loadOperation(target.name)!;
      operationName = op.name;
      const [{ buildOperationCommand }, { runOperation }] = await Promise.all([
        import("./operation-command.js"),
        import("./run-operation.js"),
      ]);
      const built = buildOperationCommand(op);
      configureCommand(built.command);
      built.command.allowExcessArguments(true);
      const sensitiveFlags = new Set(
        [...built.members.values()].filter((s) => s.sensitive).map((s) => s.flag),
      );
      built.command.action(async (_opts: unknown, cmd: Command) => {
        rejectStrayArguments(cmd, argv, sensitiveFlags);
        const ctx = await makeContext(cmd);
        exitCode = await runOperation({ op, members: built.members, opts: cmd.opts() }, ctx);
      });
      program.addCommand(built.command);
    } else {
      const entry = findCommand(handWrittenCommands, target.words.join(" "))!;
      const def = (await entry.load()).default;
      terminalOutput = def.terminalOutput;
      if (def.outputFormats) {
        commandFormats = def.outputFormats;
        allowCommandOutputs(program, commandFormats);
      }
      let parent = program;
      for (const word of target.words.slice(0, -1)) {
        const group = new Command(word);
        configureCommand(group);
        parent.addCommand(group);
        parent = group;
      }
      const leaf = new Command(target.words[target.words.length - 1]).description(def.summary);
      configureCommand(leaf);
      def.configure(leaf);
      leaf.allowExcessArguments(true);
      leaf.action(async (...args: unknown[]) => {
        const cmd = args[args.length - 1] as Command;
        rejectStrayArguments(cmd, argv);
        const ctx = await makeContext(cmd);
        exitCode = (await def.run(cmd.opts(), cmd.args, ctx)) ?? ExitCode.OK;
      });
      parent.addCommand(leaf);
    }
    try {
      await program.parseAsync(argv, { from: "user" });
    } finally {
      await context?.close();
    }
    return exitCode;
  } catch (err) {
    return report(err, io, operationName, globals, debug);
  }
}

/** Names the flag an argument that is not UTF-8 belongs to; the value itself may be a secret. */
function notUtf8Message(argv: string[], index: number): string {
  const arg = argv[index]!;
  let what = `argument ${index + 1}`;
  if (arg.startsWith("--"))
    what = arg.includes("=") ? `the value of ${arg.split("=")[0]}` : `the flag ${arg}`;
  else {
    // A value belongs to the nearest flag before it (list flags take several values).
    for (let i = index - 1; i >= 0; i--) {
      if (argv[i]!.startsWith("--")) {
        what = `the value of ${argv[i]!.split("=")[0]}`;
        break;
      }
    }
  }
  return (
    `${what[0]!.toUpperCase()}${what.slice(1)} is not valid UTF-8 text: the shell or script passed bytes ` +
    "that are not UTF-8 (check its locale or the file the value came from). It is not shown, and not sent."
  );
}

function configureCommand(cmd: Command): void {
  cmd
    .exitOverride()
    .helpOption(false)
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
}

function report(
  err: unknown,
  io: IO,
  operation: string | undefined,
  globals: GlobalOptions | undefined,
  debug: boolean,
): number {
  let error: CliError;
  if (err instanceof CommanderError) {
    error = new UsageError(commanderMessage(err));
  } else {
    error = normalize(
      err,
      operation,
      globals?.local ? "the embedded endpoint (--local)" : globals?.endpointUrl,
    );
  }
  const prefix = error instanceof UsageError ? "cogctl: error: " : "";
  io.stderr.write(`\n${prefix}${error.message}\n`);
  // A stack trace helps only with the unexpected; usage, config and service errors say it all.
  if (debug && error.exitCode === ExitCode.OTHER && err instanceof Error && err.stack) {
    io.stderr.write(`${err.stack}\n`);
  }
  return error.exitCode;
}

function commanderMessage(err: CommanderError): string {
  const text = err.message.replace(/^error: /, "");
  if (err.code === "commander.excessArguments" || err.code === "commander.unknownCommand") {
    return `${text.split("\n")[0]} Options take the form --name value; run with --help for the list.`;
  }
  return text.replace(/\n\(Did you mean/, " (Did you mean");
}
