// Names instead of ids for task commands: a pool by name or id (--pool, else COGCTL_POOL, else the
// profile's default from `cogctl config set pool`), an app client by name or id, a user by
// username, email, phone number or sub. A name that matches nothing or several things is a bad command line (exit 252,
// like any other argument that cannot be used), naming what was tried and what to run instead; a
// missing user found by the service itself keeps its UserNotFoundException (254) only when the
// caller sends it on (e.g. a user deleted between resolution and the call).

import type { CognitoCall, ServiceOutput } from "./cognito-call.js";
import { ServiceError, UsageError } from "./errors.js";
import { operationPages } from "./paginate.js";

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

export interface ClientRef {
  id: string;
  name: string;
}

export const describeClient = (client: ClientRef) => `${client.name} (${client.id})`;

export interface Resolver {
  /** `named`: how the value was given, for errors (default "--pool"; "POOL" for an argument). */
  pool(flag: string | undefined, named?: string): Promise<PoolRef>;
  /** Every pool with this exact name (for refusing duplicates); shares the one ListUserPools walk. */
  poolsNamed(name: string): Promise<ServiceOutput[]>;
  user(pool: PoolRef, ref: string): Promise<UserRef>;
  /** An app client by id or name; a name two clients share is an error listing both ids. */
  client(pool: PoolRef, ref: string): Promise<ClientRef>;
  /** The pool's app clients as ListUserPoolClients gives them (id and name), walked once per pool. */
  clients(pool: PoolRef): Promise<ServiceOutput[]>;
}

export interface ResolverOptions {
  /**
   * The profile's default pool (`cogctl config set pool`), read only when --pool and COGCTL_POOL
   * are absent; `label` names it in errors ("the default pool demo of profile default").
   */
  defaultPool?: () => Promise<{ value: string; label: string } | undefined>;
}

/**
 * One resolver per invocation: pool names walk ListUserPools at most once (memoised for this
 * process only, so nothing can go stale between runs).
 */
export function createResolver(
  call: CognitoCall,
  env: Readonly<Record<string, string | undefined>>,
  opts: ResolverOptions = {},
): Resolver {
  let pools: Promise<ServiceOutput[]> | undefined;
  const clientLists = new Map<string, Promise<ServiceOutput[]>>();
  // Every item of a listing, through the kernel's one pagination mechanism (60 a page, the maximum).
  const everything = async (cliName: string, key: string, input: Record<string, unknown>) => {
    const out: ServiceOutput[] = [];
    for await (const page of operationPages(call, cliName, input, { pageSize: 60 }))
      out.push(...((page[key] as ServiceOutput[] | undefined) ?? []));
    return out;
  };
  const allPools = () => everything("list-user-pools", "UserPools", {});
  const allClients = (poolId: string) =>
    everything("list-user-pool-clients", "UserPoolClients", { UserPoolId: poolId });
  const clients = (pool: PoolRef) => {
    let list = clientLists.get(pool.id);
    if (!list) {
      list = allClients(pool.id);
      clientLists.set(pool.id, list);
    }
    return list;
  };
  const poolsNamed = async (name: string) => {
    pools ??= allPools();
    return (await pools).filter((p) => p.Name === name);
  };
  /** The pool asked for and where it came from: --pool, COGCTL_POOL, then the profile's default. */
  const chosenPool = async (flag: string | undefined, named: string) => {
    if (flag !== undefined) return { given: flag, label: `${named} ${flag}` };
    if (env.COGCTL_POOL) return { given: env.COGCTL_POOL, label: `COGCTL_POOL ${env.COGCTL_POOL}` };
    const fallback = await opts.defaultPool?.();
    return fallback ? { given: fallback.value, label: fallback.label } : { given: undefined, label: "" };
  };
  return {
    poolsNamed,
    clients,
    async pool(flag, named = "--pool") {
      const { given, label } = await chosenPool(flag, named);
      if (given === undefined || given === "") {
        throw new UsageError(
          "No user pool given: pass --pool NAME|ID (or set COGCTL_POOL, or a default with `cogctl config set pool NAME`). List them with `cogctl pools list` or `cogctl list-user-pools --max-results 60`.",
        );
      }
      if (POOL_ID.test(given)) return { id: given };
      const matches = await poolsNamed(given);
      if (matches.length === 1) return { id: matches[0].Id as string, name: given };
      if (matches.length === 0) {
        throw new UsageError(
          `${label}: no user pool has that name or id. List them with \`cogctl pools list\` (or \`cogctl list-user-pools --max-results 60\`).`,
        );
      }
      throw new UsageError(
        `${label}: ${matches.length} user pools have that name (${matches.map((p) => p.Id).join(", ")}); pass one of these ids instead.`,
      );
    },
    async client(pool, ref) {
      const list = await clients(pool);
      const byId = list.find((c) => c.ClientId === ref);
      if (byId) return { id: ref, name: byId.ClientName as string };
      const named = list.filter((c) => c.ClientName === ref);
      if (named.length === 1) return { id: named[0].ClientId as string, name: ref };
      if (named.length === 0) {
        throw new UsageError(
          `No app client '${ref}' in ${describePool(pool)} (looked up by id and name). List them with \`cogctl clients list --pool ${pool.name ?? pool.id}\`.`,
        );
      }
      throw new UsageError(
        `'${ref}': ${named.length} app clients in ${describePool(pool)} have that name (${named.map((c) => c.ClientId).join(", ")}); pass one of these ids instead.`,
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
