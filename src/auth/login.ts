// `cogctl auth login` as a plain function of its options and a Context (the command file only
// declares flags): sign in through every challenge, remember the device if asked, store the
// session 0600, and say who signed in where. Tokens reach stdout only when asked for.

import { createCognitoCall } from "../kernel/cognito-call.js";
import type { Context } from "../kernel/context.js";
import { UsageError } from "../kernel/errors.js";
import { type AnswerFlags, Answers } from "./answers.js";
import { type ClientSecretOptions, givenClientSecret, SecretHasher } from "./client-secret.js";
import {
  aliasesOf,
  findDevice,
  findDeviceByKey,
  forgetStoredDevice,
  type StoredDevice,
  saveDevice,
  updateDeviceAlias,
} from "./device-store.js";
import { signIn } from "./engine.js";
import { createLoginUi } from "./login-ui.js";
import { type PasswordCheck, policyCheck, readPasswordPolicy } from "./password-policy.js";
import { pickAppClient, pickUserPool } from "./pool-picker.js";
import { updatedSession } from "./refresh.js";
import { confirmNewDevice } from "./remember-device.js";
import { makeDefault, type StoredSession, saveSession, sessionProfile } from "./session-store.js";
import { claimsOf, relativeTime } from "./token-decode.js";
import { FLOWS, type Flow } from "./types.js";
import { contactClaims, userLabel } from "./user-names.js";

export interface LoginOptions extends AnswerFlags, ClientSecretOptions {
  userPoolId?: string;
  clientId?: string;
  flow?: string;
  preferredChallenge?: string;
  setupEmail?: string;
  totpSecretOut?: string;
  rememberDevice?: boolean;
  deviceName?: string;
}

export async function login(opts: LoginOptions, ctx: Context): Promise<number> {
  const flow = (opts.flow ?? "srp") as Flow;
  if (!FLOWS.includes(flow))
    throw new UsageError(`--flow must be one of ${FLOWS.join(", ")}; got '${opts.flow}'.`);
  const answers = new Answers(opts, ctx.io, ctx.prompter, ctx.clock);
  const call = await createCognitoCall(ctx);
  const userPoolId = opts.userPoolId ?? (await pickUserPool(ctx, call));
  const clientId = opts.clientId ?? (await pickAppClient(ctx, call, userPoolId));
  const secret = await givenClientSecret(opts, ctx.io.env);
  const profile = sessionProfile(ctx.globals.profile, ctx.io.env);
  const username = await answers.username();
  const hasher = new SecretHasher(call, userPoolId, clientId, secret);
  let check: Promise<PasswordCheck> | undefined;
  // A device the service refused that was found through the typed alias: whether the device is gone
  // or the alias now names someone else is known only once the sign-in says who signed in.
  let refusedViaAlias: StoredDevice | undefined;
  const signedIn = await signIn(username, {
    call,
    hasher,
    answers,
    ui: createLoginUi(ctx),
    clock: ctx.clock,
    options: {
      flow,
      userPoolId,
      clientId,
      preferredChallenge: opts.preferredChallenge?.toUpperCase(),
      setupEmail: opts.setupEmail,
      totpSecretOut: opts.totpSecretOut,
      totpDeviceName: opts.deviceName,
    },
    passwordCheck: () => {
      check ??= readPasswordPolicy(call, userPoolId).then(policyCheck);
      return check;
    },
    findDevice: (name) => findDevice(ctx.paths.configDir, { profile, userPoolId, username: name }),
    onDeviceRejected: async (device) => {
      const stored = await findDeviceByKey(ctx.paths.configDir, device.deviceKey);
      if (stored && stored.username !== username && aliasesOf(stored).includes(username))
        refusedViaAlias = stored;
      else if (stored) await forgetStoredDevice(ctx.paths.configDir, stored);
    },
  });
  const result = signedIn.result;
  if (!result.AccessToken)
    throw new UsageError("The service signed the user in but returned no access token.");
  const now = ctx.clock();
  const access = claimsOf(result.AccessToken);
  const realUsername = typeof access?.username === "string" ? access.username : signedIn.username;

  const stale =
    refusedViaAlias ??
    (signedIn.staleDevice && result.NewDeviceMetadata
      ? // The service treated this machine as a new device: the stored one is forgotten there.
        await findDeviceByKey(ctx.paths.configDir, signedIn.staleDevice.deviceKey)
      : undefined);
  if (stale) await dropStaleDevice(ctx.paths.configDir, stale, username, realUsername);
  if (signedIn.deviceKey && username !== realUsername) {
    // The device proved itself for a name typed instead of the username: password flows will send
    // DEVICE_KEY with that name before the service says who it is, so remember the name.
    const proved = await findDeviceByKey(ctx.paths.configDir, signedIn.deviceKey);
    if (proved?.username === realUsername) await updateDeviceAlias(ctx.paths.configDir, proved, username);
  }
  let deviceKey = signedIn.deviceKey;
  const meta = result.NewDeviceMetadata;
  if (opts.rememberDevice && meta?.DeviceKey && meta.DeviceGroupKey) {
    const device = await confirmNewDevice(
      call,
      result.AccessToken,
      { DeviceKey: meta.DeviceKey, DeviceGroupKey: meta.DeviceGroupKey },
      opts.deviceName ?? "cogctl",
    );
    const previous = await findDevice(ctx.paths.configDir, { profile, userPoolId, username: realUsername });
    const aliases = new Set(previous?.username === realUsername ? aliasesOf(previous) : []);
    if (username !== realUsername) aliases.add(username);
    await saveDevice(ctx.paths.configDir, {
      version: 1,
      profile,
      userPoolId,
      username: realUsername,
      ...(aliases.size ? { aliases: [...aliases] } : {}),
      deviceName: opts.deviceName ?? "cogctl",
      rememberedAt: now.toISOString(),
      ...device,
    });
    deviceKey = device.deviceKey;
    ctx.printer.info(
      `This device is remembered (${device.deviceKey}); later sign-ins prove it instead of asking for MFA.`,
    );
  } else if (opts.rememberDevice && !signedIn.deviceKey) {
    ctx.printer.warn(
      "--remember-device: the service returned no new device (device tracking is off for this pool).",
    );
  }

  const base: StoredSession = {
    version: 1,
    profile,
    userPoolId,
    clientId,
    username: realUsername,
    typedUsername: username,
    ...contactClaims(result.IdToken),
    endpoint: ctx.globals.local ? "local" : ctx.globals.endpointUrl,
    region: ctx.globals.region,
    accessToken: result.AccessToken,
    expiresAt: now.toISOString(),
    signedInAt: now.toISOString(),
    updatedAt: now.toISOString(),
    deviceKey,
  };
  const session = updatedSession(base, result, now);
  await saveSession(ctx.paths.configDir, session);
  await makeDefault(ctx.paths.configDir, session);
  if (opts.totpSecretOut && !signedIn.totpEnrolled)
    ctx.printer.warn(
      `--totp-secret-out: no authenticator was set up during this sign-in, so nothing was written to ${opts.totpSecretOut}.`,
    );

  if (ctx.globals.outputExplicit || ctx.globals.query !== undefined) {
    // Asked for explicitly: the tokens, shaped as `aws cognito-idp initiate-auth` prints them.
    ctx.printer.result({ AuthenticationResult: result, ChallengeParameters: {} });
  } else {
    const expires = new Date(session.expiresAt);
    ctx.printer.done(
      `Signed in as ${userLabel(session)} (pool ${userPoolId}, client ${clientId}). Tokens expire ${relativeTime(expires, now)} (${expires.toISOString()}); print them with 'cogctl auth tokens'.`,
    );
  }
  return 0;
}

/**
 * A stored device the service did not accept. If it is the signed-in user's own, the service has
 * forgotten it: forget it here too. If it belongs to someone else (found through a typed alias that
 * now names another user), only that alias stops pointing at it.
 */
async function dropStaleDevice(
  configDir: string,
  stale: StoredDevice,
  typed: string,
  realUsername: string,
): Promise<void> {
  if (stale.username === realUsername) await forgetStoredDevice(configDir, stale);
  else await updateDeviceAlias(configDir, stale, typed, true);
}
