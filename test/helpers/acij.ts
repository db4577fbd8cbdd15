// amazon-cognito-identity-js (AWS's own browser/Node client) driven with promises: each sign-in step
// resolves with which callback fired, so tests can answer challenges one by one.
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from "amazon-cognito-identity-js";

/** ACIJ keeps tokens and device secrets in a Storage; a Map is enough (one per simulated browser). */
export function memoryStorage(): ICognitoStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    setItem: (k, v) => void map.set(k, v),
    getItem: (k) => map.get(k) ?? null,
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
  };
}

export type Step =
  | { kind: "success"; session: CognitoUserSession; confirmationNecessary?: boolean }
  | { kind: "failure"; error: { code?: string; name?: string; message: string } }
  | { kind: "newPasswordRequired"; userAttributes: Record<string, string>; requiredAttributes: string[] }
  | { kind: "mfaRequired"; challengeName: string; parameters: Record<string, string> }
  | { kind: "totpRequired"; challengeName: string }
  | { kind: "mfaSetup"; challengeName: string; parameters: Record<string, string> }
  | { kind: "selectMFAType"; challengeName: string; parameters: Record<string, string> }
  | { kind: "customChallenge"; parameters: Record<string, string> };

/** The callbacks object ACIJ wants, resolving one promise with whichever fires first. */
export function stepCallbacks(resolve: (s: Step) => void) {
  return {
    onSuccess: (session: CognitoUserSession, confirmationNecessary?: boolean) =>
      resolve({ kind: "success", session, confirmationNecessary }),
    onFailure: (error: { code?: string; name?: string; message: string }) =>
      resolve({ kind: "failure", error }),
    newPasswordRequired: (userAttributes: Record<string, string>, requiredAttributes: string[]) =>
      resolve({ kind: "newPasswordRequired", userAttributes, requiredAttributes }),
    mfaRequired: (challengeName: string, parameters: Record<string, string>) =>
      resolve({ kind: "mfaRequired", challengeName, parameters }),
    totpRequired: (challengeName: string) => resolve({ kind: "totpRequired", challengeName }),
    mfaSetup: (challengeName: string, parameters: Record<string, string>) =>
      resolve({ kind: "mfaSetup", challengeName, parameters }),
    selectMFAType: (challengeName: string, parameters: Record<string, string>) =>
      resolve({ kind: "selectMFAType", challengeName, parameters }),
    customChallenge: (parameters: Record<string, string>) => resolve({ kind: "customChallenge", parameters }),
  };
}

export interface Browser {
  pool: CognitoUserPool;
  storage: ReturnType<typeof memoryStorage>;
  user(username: string): CognitoUser;
}

/** One simulated browser: a pool object with its own storage, pointed at the endpoint. */
export function browser(
  endpoint: string,
  userPoolId: string,
  clientId: string,
  storage = memoryStorage(),
): Browser {
  const pool = new CognitoUserPool({
    UserPoolId: userPoolId,
    ClientId: clientId,
    endpoint,
    Storage: storage,
  });
  return {
    pool,
    storage,
    user: (username) => new CognitoUser({ Username: username, Pool: pool, Storage: storage }),
  };
}

export function signIn(user: CognitoUser, username: string, password: string): Promise<Step> {
  return new Promise((resolve) =>
    user.authenticateUser(
      new AuthenticationDetails({ Username: username, Password: password }),
      stepCallbacks(resolve),
    ),
  );
}

export function expectStep<K extends Step["kind"]>(step: Step, kind: K): Extract<Step, { kind: K }> {
  if (step.kind !== kind) {
    throw new Error(
      `expected ${kind}, got ${step.kind}${step.kind === "failure" ? `: ${step.error.code} ${step.error.message}` : ""}`,
    );
  }
  return step as Extract<Step, { kind: K }>;
}
