// GET|POST /oauth2/userInfo (COGNITO-FACTS §12): the claims of the user an access token belongs to.
// The token is checked as GetUser checks it (signature, expiry, revocation of its sign-in) and must
// be this pool's and carry openid (or aws.cognito.signin.user.admin, which grants every attribute).
// Attribute values are strings, as Cognito's userInfo answers them (email_verified: "true").
import { CognitoError } from "../errors.js";
import { type DomainContext, json, type OAuthRequest, type OAuthResponse } from "./http.js";

const PROFILE = new Set([
  "name",
  "family_name",
  "given_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "profile",
  "picture",
  "website",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "updated_at",
  "address",
]);

const bearerError = (status: number, error: string, description: string): OAuthResponse =>
  json(
    status,
    { error, error_description: description },
    { "www-authenticate": `Bearer error="${error}", error_description="${description.replace(/"/g, "'")}"` },
  );

export async function userInfo(ctx: DomainContext, req: OAuthRequest): Promise<OAuthResponse> {
  if (req.method !== "GET" && req.method !== "POST")
    return json(405, { error: "invalid_request" }, { allow: "GET, POST" });
  const header = req.headers.authorization ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) return bearerError(401, "invalid_request", "Send the access token as Authorization: Bearer.");
  let claims: Awaited<ReturnType<typeof ctx.services.tokens.verifyAccess>>;
  try {
    claims = await ctx.services.tokens.verifyAccess(m[1]);
  } catch (err) {
    if (err instanceof CognitoError) return bearerError(401, "invalid_token", err.message);
    throw err;
  }
  if (claims.poolId !== ctx.pool.id)
    return bearerError(401, "invalid_token", "The token is not this pool's.");
  const scopes = new Set(claims.scope.split(" "));
  const admin = scopes.has("aws.cognito.signin.user.admin");
  if (!scopes.has("openid") && !admin)
    return bearerError(403, "insufficient_scope", "The access token needs the openid scope.");
  const user = ctx.services.users.find(ctx.pool, claims.username);
  if (!user || user.sub !== claims.sub || !user.enabled)
    return bearerError(401, "invalid_token", "The user of this token can no longer sign in.");
  // openid alone (or the admin scope) gives every attribute; email / phone / profile narrow it.
  const narrowed = !admin && (scopes.has("email") || scopes.has("phone") || scopes.has("profile"));
  const out: Record<string, string> = { sub: user.sub };
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === "sub") continue;
    const email = name === "email" || name === "email_verified";
    const phone = name === "phone_number" || name === "phone_number_verified";
    const keep =
      !narrowed ||
      (email && scopes.has("email")) ||
      (phone && scopes.has("phone")) ||
      (scopes.has("profile") && (PROFILE.has(name) || name.startsWith("custom:")));
    if (keep) out[name] = value;
  }
  out.username = user.username;
  return json(200, out);
}
