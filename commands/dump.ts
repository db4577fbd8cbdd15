// cogctl dump --pool P: the stack file that reproduces a pool (YAML on stdout), for a local twin
// (`cogctl dump --pool staging > stack.yaml; cogctl --local apply -f stack.yaml`) or a review.
import { defineCommand } from "../src/cli/command.js";
import { dumpPool } from "../src/kernel/stack/dump.js";
import { addPoolOption, withTask } from "../src/kernel/task.js";

interface Opts {
  pool?: string;
  withUsers?: boolean;
}

export default defineCommand<Opts>({
  name: "dump",
  summary: "Print the stack file (YAML) that reproduces a pool: settings, clients, groups, domain, IdPs, MFA",
  description: [
    "Reads a pool and prints it as a stack file for `cogctl apply`: its settings, app clients, groups,",
    "domain, resource servers, identity providers, MFA and UI customization. Ids, ARNs, dates, counts,",
    "client secrets and other read-only or generated members are left out; an identity provider's",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the stack file's own ${VAR} syntax, shown as is
    "client secret becomes a ${COGNITO_IDP_<NAME>_CLIENT_SECRET} reference. --with-users adds the",
    "users (attributes, groups, disabled state; passwords cannot be read).",
  ].join("\n"),
  examples: [
    { summary: "A local twin of a pool", args: ["dump", "--pool", "staging"] },
    { summary: "With its users", args: ["dump", "--pool", "staging", "--with-users"] },
  ],
  configure(cmd) {
    addPoolOption(cmd).option(
      "--with-users",
      "include the pool's users (one AdminGetUser and group listing each)",
    );
  },
  async run(opts, _args, ctx) {
    await withTask(ctx, async ({ call, resolver }) => {
      const pool = await resolver.pool(opts.pool);
      const { text, variables } = await dumpPool(call, pool.id, { withUsers: opts.withUsers });
      ctx.io.stdout.write(text);
      if (variables.length > 0)
        ctx.printer.warn(
          `The file reads these secrets from the environment when applied: ${variables.join(", ")}.`,
        );
    });
  },
});
