// The pool's password policy, checked before a new password is sent, so a person at a prompt is
// told at once what is wrong (and asked again) instead of losing the sign-in session to an
// InvalidPasswordException. Read with DescribeUserPool when the caller's credentials allow.
import type { CognitoCall } from "../kernel/cognito-call.js";

export interface PasswordPolicy {
  MinimumLength?: number;
  RequireUppercase?: boolean;
  RequireLowercase?: boolean;
  RequireNumbers?: boolean;
  RequireSymbols?: boolean;
}

/** Cognito's symbol set (COGNITO-FACTS §10), space included. */
const SYMBOLS = new Set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ");

export type PasswordCheck = (password: string) => true | string;

export function policyCheck(policy: PasswordPolicy | undefined): PasswordCheck {
  return (p) => {
    if (p.length === 0) return "A password is required";
    if (p.length > 256) return "Use at most 256 characters";
    if (!policy) return true;
    const missing: string[] = [];
    if (policy.MinimumLength && p.length < policy.MinimumLength)
      missing.push(`at least ${policy.MinimumLength} characters`);
    if (policy.RequireUppercase && !/[A-Z]/.test(p)) missing.push("an uppercase letter");
    if (policy.RequireLowercase && !/[a-z]/.test(p)) missing.push("a lowercase letter");
    if (policy.RequireNumbers && !/[0-9]/.test(p)) missing.push("a number");
    if (policy.RequireSymbols && ![...p].some((c) => SYMBOLS.has(c))) missing.push("a symbol");
    return missing.length === 0 ? true : `The password needs ${missing.join(", ")}.`;
  };
}

/** The pool's policy, or undefined when it cannot be read (no admin credentials): then only the service checks. */
export async function readPasswordPolicy(
  call: CognitoCall,
  userPoolId: string,
): Promise<PasswordPolicy | undefined> {
  try {
    const out = await call("DescribeUserPool", { UserPoolId: userPoolId });
    return out.UserPool?.Policies?.PasswordPolicy as PasswordPolicy | undefined;
  } catch {
    return undefined;
  }
}
