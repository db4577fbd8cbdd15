// SECRET_HASH / SecretHash for app clients with a secret (COGNITO-FACTS §2).
import { createHmac } from "node:crypto";

/** Base64(HMAC-SHA256(key = client secret, message = username ‖ clientId)). */
export function secretHash(username: string, clientId: string, clientSecret: string): string {
  return createHmac("sha256", clientSecret)
    .update(username + clientId, "utf8")
    .digest("base64");
}
