// Loads the AWS SDK's CommonJS builds with require() rather than import(): importing CommonJS from
// ESM makes Node lex each file for its export names, which costs ~20 ms per invocation for the
// SDK's large bundles. Start-up time is a feature for scripts that call cogctl in loops.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export type CognitoSdk = typeof import("@aws-sdk/client-cognito-identity-provider");

export function loadCognitoSdk(): CognitoSdk {
  return require("@aws-sdk/client-cognito-identity-provider") as CognitoSdk;
}

export type IamSdk = typeof import("@aws-sdk/client-iam");
export type LogsSdk = typeof import("@aws-sdk/client-cloudwatch-logs");

export function loadIamSdk(): IamSdk {
  return require("@aws-sdk/client-iam") as IamSdk;
}

export function loadLogsSdk(): LogsSdk {
  return require("@aws-sdk/client-cloudwatch-logs") as LogsSdk;
}

export function loadNodeHttpHandler(): typeof import("@smithy/node-http-handler") {
  return require("@smithy/node-http-handler") as typeof import("@smithy/node-http-handler");
}

export function loadSharedConfig(): typeof import("@smithy/core/config") {
  return require("@smithy/core/config") as typeof import("@smithy/core/config");
}
