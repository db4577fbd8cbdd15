// Cognito's cryptography in one import: SRP (client, server, verifier), device SRP, SECRET_HASH, TOTP.
export {
  createDeviceVerifier,
  type DeviceSecret,
  type DeviceSecretVerifierConfig,
  deviceVerifierFromConfig,
  respondToDeviceChallenge,
  verifyDeviceClaim,
} from "./device.js";
export { secretHash } from "./secret-hash.js";
export { createSrpClient, type SrpChallenge, type SrpClaim, type SrpClient } from "./srp-client.js";
export { cognitoTimestamp, poolNameFromPoolId } from "./srp-math.js";
export { type SrpServerState, type SrpServerStep, startServerSrp, verifyClaim } from "./srp-server.js";
export { checkPassword, createPasswordVerifier, type StoredVerifier } from "./srp-verifier.js";
export { newTotpSecret, otpauthUri, totpCode, verifyTotp } from "./totp.js";
