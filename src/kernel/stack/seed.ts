// `cogctl local serve --apply STACK`: the endpoint being served applies stack files to itself at
// start-up, through the SDK and its in-process request handler (the same wire as any client), so a
// CI service container or a developer has the pools ready; idempotent, as apply is.

import type { LocalEndpoint } from "../../local/endpoint.js";
import { callOver } from "../cognito-call.js";
import type { IO } from "../io/io.js";
import type { Prompter } from "../io/prompter.js";
import { pacedCall, unmeteredPacer } from "../pacer.js";
import { loadCognitoSdk } from "../sdk.js";
import type { Stack } from "./loader.js";
import { runApply } from "./run.js";

export async function seedEndpoint(
  ctx: { io: IO; prompter: Prompter },
  endpoint: LocalEndpoint,
  region: string,
  stacks: Stack[],
): Promise<void> {
  const { createInProcessRequestHandler } = await import("../../local/in-process.js");
  const { CognitoIdentityProviderClient } = loadCognitoSdk();
  const client = new CognitoIdentityProviderClient({
    region,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    requestHandler: createInProcessRequestHandler(endpoint),
  });
  try {
    const call = pacedCall(callOver(client, "the embedded endpoint"), unmeteredPacer);
    for (const stack of stacks) {
      const plan = await runApply(ctx, call, stack, { quiet: true });
      const pools = plan.refs.map((p) => `${p.name} (${p.id})`).join(", ");
      ctx.io.stderr.write(`Applied ${stack.path}: ${pools}\n`);
    }
  } finally {
    client.destroy();
  }
}
