// The one door to the service for every command: call(operation, input). A function rather than
// the SDK client so the sign-in engine can be driven by a scripted fake in unit tests and by the
// real SDK (any endpoint, --local included) everywhere else. Errors come out already in the AWS
// CLI's form.

import type { Context } from "./context.js";
import { normalize } from "./error-mapping.js";
import { loadCognitoSdk } from "./sdk.js";

// Service outputs are read field by field by each caller, so their values stay loosely typed.
export type ServiceOutput = Record<string, any>;
export type CognitoCall = (operation: string, input: Record<string, unknown>) => Promise<ServiceOutput>;

/** A CognitoCall over ctx.cognito(). The client belongs to the Context, which closes it once. */
export async function createCognitoCall(ctx: Context): Promise<CognitoCall> {
  const client = await ctx.cognito();
  return callOver(client, ctx.globals.local ? "the embedded endpoint (--local)" : ctx.globals.endpointUrl);
}

/** A CognitoCall over a client the caller owns (`local serve --apply` seeding its own endpoint). */
export function callOver(
  client: { send(command: never): Promise<unknown> },
  endpoint: string | undefined,
): CognitoCall {
  const commands = loadCognitoSdk() as unknown as Record<string, new (input: unknown) => never>;
  const call: CognitoCall = async (operation, input) => {
    const CommandClass = commands[`${operation}Command`];
    if (!CommandClass) throw new Error(`no SDK command for ${operation}`);
    try {
      const out = (await client.send(new CommandClass(input) as never)) as ServiceOutput;
      const { $metadata: _metadata, ...rest } = out;
      return rest;
    } catch (err) {
      throw normalize(err, operation, endpoint);
    }
  };
  return call;
}
