// The frame of every command that acts as the signed-in user: a service door, the chosen session
// (refreshed when expired), and the client released afterwards.

import { type CognitoCall, createCognitoCall } from "../kernel/cognito-call.js";
import type { Context } from "../kernel/context.js";
import type { ClientSecretOptions } from "./client-secret.js";
import { freshSession, type SessionChoice } from "./session-access.js";
import type { StoredSession } from "./session-store.js";

export async function withSession<T>(
  ctx: Context,
  choice: SessionChoice & ClientSecretOptions,
  fn: (call: CognitoCall, session: StoredSession) => Promise<T>,
): Promise<T> {
  const call = await createCognitoCall(ctx);
  return await fn(call, await freshSession(ctx, call, choice, choice));
}
