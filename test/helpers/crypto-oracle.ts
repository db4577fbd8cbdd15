// amazon-cognito-identity-js's AuthenticationHelper, the independent oracle for the SRP tests.
// CommonJS with an ES-module default export, so it is loaded through require.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface JsbnBigInteger {
  toString(radix: number): string;
}
export interface AuthenticationHelperLike {
  smallAValue: JsbnBigInteger;
  largeAValue: JsbnBigInteger | undefined;
  padHex(n: JsbnBigInteger): string;
  getLargeAValue(cb: (err: unknown, A: JsbnBigInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: JsbnBigInteger,
    salt: JsbnBigInteger,
    cb: (err: unknown, hkdf: Buffer) => void,
  ): void;
  generateHashDevice(
    deviceGroupKey: string,
    deviceKey: string,
    cb: (err: unknown, value: null) => void,
  ): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getRandomPassword(): string;
}

export const AuthenticationHelper: new (poolName: string) => AuthenticationHelperLike =
  require("amazon-cognito-identity-js/lib/AuthenticationHelper.js").default;
export const BigInteger: new (value: string, radix: number) => JsbnBigInteger =
  require("amazon-cognito-identity-js/lib/BigInteger.js").default;
export const DateHelper: new () => { getNowString(): string } =
  require("amazon-cognito-identity-js/lib/DateHelper.js").default;

/** The helper's callbacks run synchronously; unwrap them into return values. */
export function syncResult<T>(run: (cb: (err: unknown, value: T) => void) => void): T {
  let out: { value: T } | undefined;
  let failure: unknown;
  run((err, value) => {
    if (err) failure = err;
    else out = { value };
  });
  if (failure) throw failure;
  if (!out) throw new Error("callback did not run synchronously");
  return out.value;
}
