// Passwords: the pool's policy, and storage as an SRP salt + verifier (the plain text is never kept),
// using the same maths the SRP sign-in uses (src/cognito/crypto/srp-verifier.ts).
import { checkPassword, createPasswordVerifier } from "../../cognito/crypto/srp-verifier.js";
import { InvalidPasswordException } from "../errors.js";
import { srpPoolName } from "./ids.js";
import { DEFAULT_PASSWORD_POLICY, type Pool } from "./pools.js";

export interface StoredPassword {
  salt: string;
  verifier: string;
  /** A temporary (admin-set or generated) password: sign-in must answer NEW_PASSWORD_REQUIRED. */
  temporary: boolean;
  /** Epoch ms when set (temporary passwords expire after TemporaryPasswordValidityDays). */
  setAt: number;
}

const SYMBOLS = new Set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ");

export class PasswordsService {
  /** Throws InvalidPasswordException with the service's wording when password breaks the policy. */
  checkPolicy(pool: Pool, password: string): void {
    const p = { ...DEFAULT_PASSWORD_POLICY, ...pool.data.Policies?.PasswordPolicy };
    const fail = (why: string): never => {
      throw new InvalidPasswordException(`Password did not conform with policy: ${why}`);
    };
    if ([...password].length < (p.MinimumLength ?? 8)) fail("Password not long enough");
    if ([...password].length > 256) fail("Password is too long");
    if (p.RequireLowercase && !/\p{Ll}/u.test(password)) fail("Password must have lowercase characters");
    if (p.RequireUppercase && !/\p{Lu}/u.test(password)) fail("Password must have uppercase characters");
    if (p.RequireNumbers && !/[0-9]/.test(password)) fail("Password must have numeric characters");
    if (p.RequireSymbols && ![...password].some((c) => SYMBOLS.has(c)))
      fail("Password must have symbol characters");
  }

  create(pool: Pool, username: string, password: string, temporary: boolean, now: number): StoredPassword {
    const { salt, verifier } = createPasswordVerifier(srpPoolName(pool.id), username, password);
    return { salt, verifier, temporary, setAt: now };
  }

  check(pool: Pool, username: string, password: string, stored: StoredPassword): boolean {
    return checkPassword(srpPoolName(pool.id), username, password, stored);
  }
}
