// The hook that lets generated operations taking an AccessToken (get-user, change-password,
// list-devices ...) use the stored session when --access-token is omitted. The operation runner
// (src/cli/run-operation.ts) calls membersSatisfiedBySession() before its required-member check and
// injectStoredAccessToken() after building the input and before sending it.
import type { Operation } from "../cognito/catalog.js";
import type { Context } from "../kernel/context.js";
import { UsageError } from "../kernel/errors.js";

/** Members a stored session can fill in for this operation (["AccessToken"] or []). */
export function membersSatisfiedBySession(op: Operation): string[] {
  return Object.hasOwn(op.input.members, "AccessToken") ? ["AccessToken"] : [];
}

/**
 * Fills input.AccessToken from the stored session (refreshed first when expired) when the user gave
 * neither --access-token nor, for AssociateSoftwareToken/VerifySoftwareToken, --session.
 */
export async function injectStoredAccessToken(
  op: Operation,
  input: Record<string, unknown>,
  ctx: Context,
): Promise<void> {
  if (membersSatisfiedBySession(op).length === 0) return;
  if (input.AccessToken !== undefined || input.Session !== undefined) return;
  const [{ createCognitoCall }, { freshSession }, { userLabel }] = await Promise.all([
    import("../kernel/cognito-call.js"),
    import("./session-access.js"),
    import("./user-names.js"),
  ]);
  // The client is ctx's shared one: the runner sends the operation with it and destroys it after.
  const { call } = await createCognitoCall(ctx);
  const session = await freshSession(ctx, call).catch((err) => {
    if (err instanceof UsageError)
      throw new UsageError(`${err.message.replace(/\.$/, "")} — or pass --access-token.`);
    throw err;
  });
  input.AccessToken = session.accessToken;
  ctx.printer.debug(
    `using the stored session of ${userLabel(session)} (pool ${session.userPoolId}, client ${session.clientId})`,
  );
}
