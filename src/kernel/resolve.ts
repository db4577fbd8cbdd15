// Names instead of ids for task commands: a pool by name or id, a user by username, email, phone
// number or sub. A name that matches nothing or several things is a bad command line (exit 252,
// like any other argument that cannot be used), naming what was tried and what to run instead; a
// missing user found by the service itself keeps its UserNotFoundException (254) only when the
// caller sends it on (e.g. a user deleted between resolution and the call).
import type { CognitoCall, ServiceOutput } from "./cognito-call.js";
import { ServiceError, UsageError } from "./errors.js";

/** Cognito's pool id shape: region, underscore, suffix (e.g. us-east-1_AbC123). */
export const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const E164 = /^\+[1-9]\d{1,14}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PoolRef {
  id: string;
  /** Known when the pool was given by name (or looked up); ids given as such stay unnamed. */
  name?: string;
}

export interface UserRef {
  username: string;
  /** How it was typed, when that differs from the username (an email, phone or sub). */
  typed: string;
  /** The user as AdminGetUser or ListUsers returned it. */
  user: ServiceOutput;
}

/** The ListUsers filter attribute a user reference's shape suggests, if any. */
export function filterAttributeFor(ref: string): "email" | "phone_number" | "sub" | undefined {
  if (EMAIL.test(ref)) return "email";
  if (E164.test(ref)) return "phone_number";
  if (UUID.test(ref)) return "sub";
  return undefined;
}

/** A ListUsers filter `attr = "value"`, the value's quotes and backslashes escaped. */
export function filterExpression(attribute: string, op: "=" | "^=", value: string): string {
  return `${attribute} ${op} "${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export const describePool = (pool: PoolRef) => (pool.name ? `${pool.name} (${pool.id})` : pool.id);

export interface Resolver {
  pool(flag: string | undefined): Promise<PoolRef>;
  user(pool: PoolRef, ref: string): Promise<UserRef>;
}

/**
 * One resolver per invocation: pool names walk ListUserPools at most once (memoised for this
 * process only, so nothing can go stale between runs).
 */
export function createResolver(
  call: CognitoCall,
  env: Readonly<Record<string, string | undefined>>,
): Resolver {
  let pools: Promise<ServiceOutput[]> | undefined;
  const allPools = async () => {
    const out: ServiceOutput[] = [];
    let token: string | undefined;
    do {
      const page = await call("ListUserPools", { MaxResults: 60, ...(token ? { NextToken: token } : {}) });
      out.push(...((page.UserPools as ServiceOutput[] | undefined) ?? []));
      token = page.NextToken as string | undefined;
    } while (token);
    return out;
  };
  return {
    async pool(flag) {
      const given = flag ?? env.COGCTL_POOL;
      if (given === undefined || given === "") {
        throw new UsageError(
          "No user pool given: pass --pool NAME|ID (or set COGCTL_POOL). List them with `cogctl pools list` or `cogctl list-user-pools --max-results 60`.",
        );
      }
      if (POOL_ID.test(given)) return { id: given };
      pools ??= allPools();
      const matches = (await pools).filter((p) => p.Name === given);
      if (matches.length === 1) return { id: matches[0].Id as string, name: given };
      const source = flag === undefined ? "COGCTL_POOL" : "--pool";
      if (matches.length === 0) {
        throw new UsageError(
          `${source} ${given}: no user pool has that name or id. List them with \`cogctl pools list\` (or \`cogctl list-user-pools --max-results 60\`).`,
        );
      }
      throw new UsageError(
        `${source} ${given}: ${matches.length} user pools have that name (${matches.map((p) => p.Id).join(", ")}); pass one of these ids instead.`,
      );
    },
    async user(pool, ref) {
      try {
        const user = await call("AdminGetUser", { UserPoolId: pool.id, Username: ref });
        return { username: user.Username as string, typed: ref, user };
      } catch (err) {
        if (!(err instanceof ServiceError) || err.code !== "UserNotFoundException") throw err;
      }
      const attribute = filterAttributeFor(ref);
      if (attribute) {
        const page = await call("ListUsers", {
          UserPoolId: pool.id,
          Filter: filterExpression(attribute, "=", ref),
          Limit: 2,
        });
        const users = (page.Users as ServiceOutput[] | undefined) ?? [];
        if (users.length === 1) return { username: users[0].Username as string, typed: ref, user: users[0] };
        if (users.length > 1) {
          // Two matches on one page means ambiguity; the names shown are enough to pick from.
          throw new UsageError(
            `'${ref}' matches several users in ${describePool(pool)} (${attribute}): ${users.map((u) => u.Username).join(", ")}${page.PaginationToken ? ", ..." : ""}; name one by its username.`,
          );
        }
      }
      const tried = attribute ? `username or ${attribute}` : "username";
      throw new UsageError(
        `No user '${ref}' in ${describePool(pool)} (looked up by ${tried}). Find users with \`cogctl users list --pool ${pool.name ?? pool.id}\`.`,
      );
    },
  };
}
