// The first request of each --flow (COGNITO-FACTS §5): InitiateAuth (or AdminInitiateAuth) with
// the flow's AuthParameters. Passwords are read before the request, so a script without one fails
// before anything is sent.
import { createSrpClient } from "../cognito/crypto/index.js";
import type { AuthStep, EngineEnv, Flow, SignInState } from "./types.js";

const AUTH_FLOW: Record<Flow, string> = {
  srp: "USER_SRP_AUTH",
  password: "USER_PASSWORD_AUTH",
  "admin-password": "ADMIN_USER_PASSWORD_AUTH",
  custom: "CUSTOM_AUTH",
  "user-auth": "USER_AUTH",
};

export async function startFlow(state: SignInState, env: EngineEnv): Promise<AuthStep> {
  const { flow, userPoolId, clientId, preferredChallenge } = env.options;
  const params: Record<string, string> = { USERNAME: state.typedUsername };
  if (flow === "srp" || (flow === "user-auth" && preferredChallenge === "PASSWORD_SRP")) {
    await env.answers.password(state.typedUsername);
    state.srp = createSrpClient();
    params.SRP_A = state.srp.srpA;
  }
  if (
    flow === "password" ||
    flow === "admin-password" ||
    (flow === "user-auth" && preferredChallenge === "PASSWORD")
  ) {
    params.PASSWORD = await env.answers.password(state.typedUsername);
  }
  if (flow === "user-auth" && preferredChallenge) params.PREFERRED_CHALLENGE = preferredChallenge;
  if (state.device) params.DEVICE_KEY = state.device.deviceKey;
  return env.hasher.retrying(async () => {
    const input = {
      AuthFlow: AUTH_FLOW[flow],
      ClientId: clientId,
      AuthParameters: env.hasher.add({ ...params }, state.typedUsername),
    };
    if (flow === "admin-password") return env.call("AdminInitiateAuth", { ...input, UserPoolId: userPoolId });
    return env.call("InitiateAuth", input);
  });
}
