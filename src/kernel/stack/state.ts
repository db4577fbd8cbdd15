// What a pool looks like now, read through the service in the stack's own terms (the members a
// stack file would give): the pool's settings, its clients, groups, domain, resource servers,
// identity providers, MFA configuration, UI customization and, when asked, users.
import type { CognitoCall, ServiceOutput } from "../cognito-call.js";
import { UsageError } from "../errors.js";
import { fileShape, KINDS, type KindName } from "./kinds.js";
import type { Members } from "./loader.js";

export interface ClientState {
  id: string;
  settings: Members;
  /** The secret itself: for outputs (masked unless asked) and GenerateSecret's comparison. */
  secret?: string;
}

export interface UserState {
  attributes: Record<string, string>;
  groups: string[];
  enabled: boolean;
}

export interface PoolState {
  id: string;
  arn?: string;
  name: string;
  /** CreateUserPool members as DescribeUserPool reports them (Schema from SchemaAttributes). */
  settings: Members;
  /** DescribeUserPool's UserPool as it came, for the Update* call's full input. */
  described: Members;
  clients: Map<string, ClientState>;
  groups: Map<string, Members>;
  resourceServers: Map<string, Members>;
  identityProviders: Map<string, Members>;
  domain?: Members;
  mfa: Members;
  uiCustomization?: Members;
  users: Map<string, UserState>;
}

/** Every page of a listing (the ListX operations the stack reads), items under `key`. */
export async function listAll(
  call: CognitoCall,
  operation: string,
  input: Record<string, unknown>,
  key: string,
  token: { in: string; out: string } = { in: "NextToken", out: "NextToken" },
): Promise<ServiceOutput[]> {
  const items: ServiceOutput[] = [];
  let next: string | undefined;
  do {
    const page = await call(operation, { ...input, ...(next ? { [token.in]: next } : {}) });
    items.push(...((page[key] as ServiceOutput[] | undefined) ?? []));
    next = page[token.out] as string | undefined;
  } while (next);
  return items;
}

/** Pool ids by name; a name may map to several pools (Cognito allows it, the stack refuses it). */
export async function poolsByName(call: CognitoCall): Promise<Map<string, string[]>> {
  const pools = await listAll(call, "ListUserPools", { MaxResults: 60 }, "UserPools");
  const byName = new Map<string, string[]>();
  for (const p of pools) byName.set(p.Name, [...(byName.get(p.Name) ?? []), p.Id]);
  return byName;
}

export function onePool(name: string, ids: string[] | undefined): string | undefined {
  if (!ids || ids.length === 0) return undefined;
  if (ids.length > 1)
    throw new UsageError(
      `${ids.length} pools are named ${name} (${ids.join(", ")}): the stack finds pools by name. Rename or delete the extra ones (cogctl pools delete ID), then run again.`,
    );
  return ids[0];
}

/** Keeps the members of `from` that a kind's file holds (the rest is read-only or generated). */
export function fileMembers(kindName: KindName, from: Members, also: string[] = []): Members {
  const members = fileShape(KINDS[kindName]).members;
  const out: Members = {};
  for (const [k, v] of Object.entries(from)) {
    if ((Object.hasOwn(members, k) || also.includes(k)) && v !== undefined && v !== null) out[k] = v;
  }
  return out;
}

export interface ReadOptions {
  /** Users to read (the file's), or "all" (dump --with-users); none when undefined. */
  users?: string[] | "all";
}

export async function readPool(call: CognitoCall, id: string, opts: ReadOptions = {}): Promise<PoolState> {
  const { UserPool: described } = await call("DescribeUserPool", { UserPoolId: id });
  const settings = fileMembers("pool", described);
  if (described.SchemaAttributes) settings.Schema = described.SchemaAttributes;
  const state: PoolState = {
    id,
    arn: described.Arn,
    name: described.Name,
    settings,
    described,
    clients: new Map(),
    groups: new Map(),
    resourceServers: new Map(),
    identityProviders: new Map(),
    mfa: {},
    users: new Map(),
  };
  const reads: Promise<void>[] = [];
  reads.push(
    (async () => {
      const clients = await listAll(
        call,
        "ListUserPoolClients",
        { UserPoolId: id, MaxResults: 60 },
        "UserPoolClients",
      );
      const seen = new Set<string>();
      for (const c of clients) {
        if (seen.has(c.ClientName))
          throw new UsageError(
            `Pool ${state.name} (${id}) has two clients named ${c.ClientName}: the stack finds clients by name. Rename or delete one (cogctl clients delete), then run again.`,
          );
        seen.add(c.ClientName);
      }
      const described = await Promise.all(
        clients.map((c) => call("DescribeUserPoolClient", { UserPoolId: id, ClientId: c.ClientId })),
      );
      for (const { UserPoolClient: c } of described) {
        const settings = fileMembers("client", c);
        delete settings.ClientSecret;
        if (c.ClientSecret) settings.GenerateSecret = true;
        state.clients.set(c.ClientName, { id: c.ClientId, settings, secret: c.ClientSecret });
      }
    })(),
  );
  reads.push(
    (async () => {
      for (const g of await listAll(call, "ListGroups", { UserPoolId: id, Limit: 60 }, "Groups"))
        state.groups.set(g.GroupName, fileMembers("group", g));
    })(),
  );
  reads.push(
    (async () => {
      for (const r of await listAll(
        call,
        "ListResourceServers",
        { UserPoolId: id, MaxResults: 50 },
        "ResourceServers",
      ))
        state.resourceServers.set(r.Identifier, fileMembers("resourceServer", r));
    })(),
  );
  reads.push(
    (async () => {
      const idps = await listAll(
        call,
        "ListIdentityProviders",
        { UserPoolId: id, MaxResults: 60 },
        "Providers",
      );
      const described = await Promise.all(
        idps.map((p) => call("DescribeIdentityProvider", { UserPoolId: id, ProviderName: p.ProviderName })),
      );
      for (const { IdentityProvider: p } of described)
        state.identityProviders.set(p.ProviderName, fileMembers("identityProvider", p));
    })(),
  );
  reads.push(
    (async () => {
      const mfa = await call("GetUserPoolMfaConfig", { UserPoolId: id });
      state.mfa = fileMembers("mfa", mfa);
    })(),
  );
  reads.push(
    (async () => {
      const domain = described.CustomDomain ?? described.Domain;
      if (!domain) return;
      const { DomainDescription: d } = await call("DescribeUserPoolDomain", { Domain: domain });
      state.domain = fileMembers("domain", { ...(d ?? {}), Domain: domain });
      // A prefix domain reports an empty custom-domain block; it is not a setting of the file's.
      if (state.domain.CustomDomainConfig && !(state.domain.CustomDomainConfig as Members).CertificateArn)
        delete state.domain.CustomDomainConfig;
    })(),
  );
  reads.push(
    (async () => {
      try {
        const { UICustomization: ui } = await call("GetUICustomization", { UserPoolId: id });
        if (ui?.CSS) state.uiCustomization = { CSS: ui.CSS };
      } catch (err) {
        // Endpoints without the classic hosted UI (moto) answer with an error: nothing to compare.
        if (!isUnsupported(err)) throw err;
      }
    })(),
  );
  await Promise.all(reads);
  if (opts.users) await readUsers(call, state, opts.users);
  return state;
}

function isUnsupported(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? "";
  return (
    /NotImplemented|InvalidAction|UnknownOperation|^(4|5)\d\d$/.test(code) ||
    code === "InternalErrorException"
  );
}

/**
 * Pools up to this many users are read by listing (ListUsers pages and each group's members): a
 * handful of calls instead of two per file user. Larger pools: AdminGetUser for the file's users.
 */
const LISTED_POOL_USERS = 300;
const LISTED_POOL_GROUPS = 50;

function attributeMap(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of (list ?? []) as { Name: string; Value?: string }[]) out[a.Name] = a.Value ?? "";
  return out;
}

async function readUsers(call: CognitoCall, state: PoolState, which: string[] | "all"): Promise<void> {
  const estimated = Number(state.described.EstimatedNumberOfUsers ?? Number.POSITIVE_INFINITY);
  if (which === "all" || (estimated <= LISTED_POOL_USERS && state.groups.size <= LISTED_POOL_GROUPS))
    return readUsersByListing(call, state, which);
  await Promise.all(
    which.map(async (username) => {
      let user: ServiceOutput;
      try {
        user = await call("AdminGetUser", { UserPoolId: state.id, Username: username });
      } catch (err) {
        if ((err as { code?: string }).code === "UserNotFoundException") return;
        throw err;
      }
      const groups = await listAll(
        call,
        "AdminListGroupsForUser",
        { UserPoolId: state.id, Username: username, Limit: 60 },
        "Groups",
      );
      const attributes = attributeMap(user.UserAttributes);
      // Keyed as the file names the user: in a pool whose usernames are emails, Cognito's own
      // username is a UUID that no file could know in advance.
      state.users.set(username, {
        attributes,
        groups: groups.map((g) => g.GroupName as string).sort(),
        enabled: user.Enabled !== false,
      });
    }),
  );
}

async function readUsersByListing(
  call: CognitoCall,
  state: PoolState,
  which: string[] | "all",
): Promise<void> {
  const UserPoolId = state.id;
  const [users, memberships] = await Promise.all([
    listAll(call, "ListUsers", { UserPoolId, Limit: 60 }, "Users", {
      in: "PaginationToken",
      out: "PaginationToken",
    }),
    Promise.all(
      [...state.groups.keys()].map(
        async (g) =>
          [
            g,
            await listAll(call, "ListUsersInGroup", { UserPoolId, GroupName: g, Limit: 60 }, "Users"),
          ] as const,
      ),
    ),
  ]);
  const groupsOf = new Map<string, string[]>();
  for (const [g, members] of memberships)
    for (const m of members) groupsOf.set(m.Username, [...(groupsOf.get(m.Username) ?? []), g]);
  // A file names a user as AdminGetUser would find them: the username, or an email / phone /
  // preferred_username the pool signs in with.
  const signInAttributes = [
    ...((state.settings.UsernameAttributes as string[] | undefined) ?? []),
    ...((state.settings.AliasAttributes as string[] | undefined) ?? []),
  ];
  const wanted = which === "all" ? undefined : new Set(which);
  for (const u of users) {
    const attributes = attributeMap(u.Attributes);
    const aliases = signInAttributes.map((a) => attributes[a]).filter((v): v is string => Boolean(v));
    const key = wanted
      ? [u.Username as string, ...aliases].find((n) => wanted.has(n))
      : (((state.settings.UsernameAttributes as string[] | undefined)?.length ? aliases[0] : undefined) ??
        (u.Username as string));
    if (!key) continue;
    state.users.set(key, {
      attributes,
      groups: (groupsOf.get(u.Username) ?? []).sort(),
      enabled: u.Enabled !== false,
    });
  }
}
