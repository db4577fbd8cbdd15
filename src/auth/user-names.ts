// How the auth screens name a user: as the person typed it at sign-in (an email, a phone number, an
// alias), with the ID token's email or phone claim, and the real username (often a UUID) only as an
// aside where it differs.
import type { StoredSession } from "./session-store.js";
import { claimsOf } from "./token-decode.js";

/**
 * The names a person knows the user by, from what was typed at sign-in and the ID token's email or
 * phone claim (decoded from the stored token for sessions saved before these were kept).
 */
export function knownNames(session: StoredSession): { typed?: string; email?: string; phone?: string } {
  const kept = session.email !== undefined || session.phoneNumber !== undefined;
  const { email, phoneNumber } = kept ? session : contactClaims(session.idToken);
  return { typed: session.typedUsername, email, phone: phoneNumber };
}

/** The email and phone_number claims of an ID token. */
export function contactClaims(idToken: string | undefined): { email?: string; phoneNumber?: string } {
  const claims = claimsOf(idToken);
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  return { email: text(claims?.email), phoneNumber: text(claims?.phone_number) };
}

/**
 * A user named as a person knows them: the name typed, then the email (or phone) claim, and the
 * real username where it differs, e.g. `alice@example.com (username 6188e6d3-...)`.
 */
export function describeUser(names: {
  username: string;
  typed?: string;
  email?: string;
  phone?: string;
}): string {
  const contact = names.email ?? names.phone;
  const first = names.typed ?? contact ?? names.username;
  const extra = [
    contact !== undefined && contact !== first && contact,
    names.username !== first && `username ${names.username}`,
  ].filter(Boolean);
  return extra.length ? `${first} (${extra.join(", ")})` : first;
}

export const userLabel = (session: StoredSession): string =>
  describeUser({ username: session.username, ...knownNames(session) });

/** The user during a sign-in, before any token: the name typed, and the username the service named. */
export const signInName = (state: { typedUsername: string; username: string }): string =>
  describeUser({ username: state.username, typed: state.typedUsername });

/** The account name an authenticator app lists: the name typed at sign-in, else the email or phone. */
export function accountName(session: StoredSession): string {
  const { typed, email, phone } = knownNames(session);
  return email ?? typed ?? phone ?? session.username;
}

/** What the user signed in as: the name typed, else (older sessions) the email or phone claim. */
export function signedInAs(session: StoredSession): string {
  const { typed, email, phone } = knownNames(session);
  return typed ?? email ?? phone ?? session.username;
}
