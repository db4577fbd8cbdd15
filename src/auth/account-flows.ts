// The flows around sign-in that work with a client id and a username rather than a session:
// sign-up (with confirmation and resend), confirm-sign-up, forgot-password. Plain functions of
// their options and a Context; the command files only declare flags.

import { type CognitoCall, createCognitoCall } from "../kernel/cognito-call.js";
import type { Context } from "../kernel/context.js";
import { UsageError } from "../kernel/errors.js";
import { type AnswerFlags, Answers } from "./answers.js";
import { type ClientSecretOptions, givenClientSecret, SecretHasher } from "./client-secret.js";
import { type PasswordCheck, policyCheck, readPasswordPolicy } from "./password-policy.js";
import { pickAppClient, pickUserPool } from "./pool-picker.js";

export interface AccountOptions extends AnswerFlags, ClientSecretOptions {
  userPoolId?: string;
  clientId?: string;
  code?: string;
  resend?: boolean;
}

const CODE_SOURCE = "--code or COGCTL_CONFIRMATION_CODE";

interface Frame {
  call: CognitoCall;
  hasher: SecretHasher;
  answers: Answers;
  userPoolId?: string;
  clientId: string;
  username: string;
}

async function frame<T>(opts: AccountOptions, ctx: Context, fn: (f: Frame) => Promise<T>): Promise<T> {
  const answers = new Answers(opts, ctx.io, ctx.prompter, ctx.clock);
  const call = await createCognitoCall(ctx);
  // Only the client id is needed; a pool is picked on a terminal to list its clients.
  let userPoolId = opts.userPoolId;
  let clientId = opts.clientId;
  if (!clientId && ctx.io.canPrompt) {
    userPoolId ??= await pickUserPool(ctx, call);
    clientId = await pickAppClient(ctx, call, userPoolId);
  }
  clientId ??= await ctx.prompter.input("App client id:", { flag: "--client-id" });
  const username = await answers.username();
  const secret = await givenClientSecret(opts, ctx.io.env);
  return await fn({
    call,
    hasher: new SecretHasher(call, userPoolId, clientId, secret),
    answers,
    userPoolId,
    clientId,
    username,
  });
}

/** The pool's policy when --user-pool-id is known and readable; the service checks otherwise. */
async function checkFor(call: CognitoCall, userPoolId: string | undefined): Promise<PasswordCheck> {
  return policyCheck(userPoolId ? await readPasswordPolicy(call, userPoolId) : undefined);
}

function deliveryText(d: { DeliveryMedium?: string; Destination?: string } | undefined): string {
  if (!d) return "A code was sent.";
  return `A code was sent by ${d.DeliveryMedium === "EMAIL" ? "email" : "SMS"}${d.Destination ? ` to ${d.Destination}` : ""}.`;
}

/** The code given by flag or env, else asked for; at a prompt, "resend" asks the service for a new one. */
async function confirmationCode(
  opts: AccountOptions,
  ctx: Context,
  answers: Answers,
  resend?: () => Promise<void>,
): Promise<string | undefined> {
  const given = opts.code ?? ctx.io.env.COGCTL_CONFIRMATION_CODE;
  if (given) return given;
  if (!ctx.io.canPrompt) return undefined;
  for (;;) {
    const code = await answers.ask(`Confirmation code${resend ? " (or 'resend')" : ""}:`, CODE_SOURCE);
    if (!resend || code.toLowerCase() !== "resend") return code;
    await resend();
  }
}

export async function signUp(opts: AccountOptions, ctx: Context): Promise<number> {
  return frame(opts, ctx, async ({ call, hasher, answers, userPoolId, clientId, username }) => {
    const password = await answers.newPassword(await checkFor(call, userPoolId), "password");
    const attributes = (opts.attribute ?? []).map((pair) => {
      const eq = pair.indexOf("=");
      if (eq <= 0) throw new UsageError(`--attribute expects NAME=VALUE, got '${pair}'.`);
      return { Name: pair.slice(0, eq), Value: pair.slice(eq + 1) };
    });
    const out = await hasher.retrying(() =>
      call("SignUp", {
        ClientId: clientId,
        Username: username,
        Password: password,
        UserAttributes: attributes,
        SecretHash: hasher.hash(username),
      }),
    );
    if (out.UserConfirmed) {
      ctx.printer.result(out, { title: "SignUp" });
      ctx.printer.done(`Signed up ${username}; the account is confirmed.`);
      return 0;
    }
    ctx.printer.info(`Signed up ${username}. ${deliveryText(out.CodeDeliveryDetails)}`);
    const resend = async () => {
      const r = await call("ResendConfirmationCode", {
        ClientId: clientId,
        Username: username,
        SecretHash: hasher.hash(username),
      });
      ctx.printer.info(deliveryText(r.CodeDeliveryDetails));
    };
    const code = await confirmationCode(opts, ctx, answers, resend);
    if (code === undefined) {
      // A script without the code yet: sign-up is done; confirmation is the next, separate step.
      ctx.printer.result(out, { title: "SignUp" });
      ctx.printer.info(
        `Confirm with: cogctl auth confirm-sign-up --client-id ${clientId} --username ${username} --code CODE`,
      );
      return 0;
    }
    await call("ConfirmSignUp", {
      ClientId: clientId,
      Username: username,
      ConfirmationCode: code,
      SecretHash: hasher.hash(username),
    });
    ctx.printer.result({ ...out, UserConfirmed: true }, { title: "SignUp" });
    ctx.printer.done(`Signed up and confirmed ${username}.`);
    return 0;
  });
}

export async function confirmSignUp(opts: AccountOptions, ctx: Context): Promise<number> {
  return frame(opts, ctx, async ({ call, hasher, answers, clientId, username }) => {
    const resend = async () => {
      const r = await hasher.retrying(() =>
        call("ResendConfirmationCode", {
          ClientId: clientId,
          Username: username,
          SecretHash: hasher.hash(username),
        }),
      );
      ctx.printer.info(deliveryText(r.CodeDeliveryDetails));
    };
    if (opts.resend) await resend();
    const code = await confirmationCode(opts, ctx, answers, resend);
    if (code === undefined) {
      if (opts.resend) return 0;
      throw new UsageError(`Confirmation code: no terminal to ask on. Provide it with ${CODE_SOURCE}.`);
    }
    await hasher.retrying(() =>
      call("ConfirmSignUp", {
        ClientId: clientId,
        Username: username,
        ConfirmationCode: code,
        SecretHash: hasher.hash(username),
      }),
    );
    ctx.printer.done(`Confirmed ${username}.`);
    return 0;
  });
}

export async function forgotPassword(opts: AccountOptions, ctx: Context): Promise<number> {
  return frame(opts, ctx, async ({ call, hasher, answers, userPoolId, clientId, username }) => {
    // With --code the code is already in hand: go straight to setting the new password.
    if (!(opts.code ?? ctx.io.env.COGCTL_CONFIRMATION_CODE)) {
      const out = await hasher.retrying(() =>
        call("ForgotPassword", { ClientId: clientId, Username: username, SecretHash: hasher.hash(username) }),
      );
      ctx.printer.info(deliveryText(out.CodeDeliveryDetails));
      if (!ctx.io.canPrompt) {
        ctx.printer.result(out, { title: "ForgotPassword" });
        ctx.printer.info("Finish with --code CODE and --new-password-file (or COGCTL_NEW_PASSWORD).");
        return 0;
      }
    }
    const code = await confirmationCode(opts, ctx, answers);
    if (code === undefined)
      throw new UsageError(`Confirmation code: no terminal to ask on. Provide it with ${CODE_SOURCE}.`);
    const password = await answers.newPassword(await checkFor(call, userPoolId));
    await hasher.retrying(() =>
      call("ConfirmForgotPassword", {
        ClientId: clientId,
        Username: username,
        ConfirmationCode: code,
        Password: password,
        SecretHash: hasher.hash(username),
      }),
    );
    ctx.printer.done(`The password of ${username} is reset; sign in with 'cogctl auth login'.`);
    return 0;
  });
}
