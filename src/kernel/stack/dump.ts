// A pool as the stack file that reproduces it (`cogctl dump`): its settings, clients, groups,
// domain, resource servers, identity providers, MFA and UI customization, with what the service
// generates or reports read-only left out, so `dump | apply` makes a twin and a twin dumps the same.
import type { CognitoCall } from "../cognito-call.js";
import type { Members } from "./loader.js";
import { envName } from "./outputs.js";
import { type PoolState, readPool } from "./state.js";

export interface DumpOptions {
  withUsers?: boolean;
}

/** Standard attributes as Cognito creates them: only a differing one goes in the file's Schema. */
function standardDefault(attr: Members): boolean {
  // sub is every pool's, and never the file's to set.
  return attr.Name === "sub" || (attr.Required !== true && attr.Mutable !== false);
}

/** Empty maps and lists say nothing (the service reports some): left out, as the plan ignores them. */
function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  ) {
    const out: Members = {};
    for (const [k, v] of Object.entries(value)) {
      const d = dropEmpty(v);
      const empty =
        d === undefined ||
        d === null ||
        (Array.isArray(d) && d.length === 0) ||
        (typeof d === "object" && !Array.isArray(d) && Object.keys(d as object).length === 0);
      if (!empty) out[k] = d;
    }
    return out;
  }
  return value;
}

/** `$` is the loader's variable sign: a literal one is written `$$`. */
function escapeDollars(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\$/g, "$$$$");
  if (Array.isArray(value)) return value.map(escapeDollars);
  if (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  )
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDollars(v)]));
  return value;
}

const clean = (v: unknown) => dropEmpty(escapeDollars(v)) as Members;
/** A map of resources by name, sorted, each cleaned (an item without settings stays, as `{}`). */
const byKey = <T>(m: Map<string, T>) =>
  Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, clean(v)]));

export function poolToStack(state: PoolState, withUsers: boolean): { stack: Members; variables: string[] } {
  const settings = clean({ ...state.settings });
  // The MFA block sets it (CreateUserPool refuses OPTIONAL or ON before an MFA method is configured).
  delete settings.MfaConfiguration;
  // Deprecated, still reported beside its successor; Cognito refuses both in one request.
  const admin = settings.AdminCreateUserConfig as Members | undefined;
  const policy = (settings.Policies as Members | undefined)?.PasswordPolicy as Members | undefined;
  if (admin && policy?.TemporaryPasswordValidityDays !== undefined) {
    const { UnusedAccountValidityDays: _old, ...rest } = admin;
    settings.AdminCreateUserConfig = rest;
  }
  const schema = ((state.settings.Schema as Members[] | undefined) ?? [])
    .filter((a) => (a.Name as string).startsWith("custom:") || !standardDefault(a))
    .map((a) => ({ ...a, Name: (a.Name as string).replace(/^custom:/, "") }));
  if (schema.length > 0) settings.Schema = schema;
  else delete settings.Schema;
  const pool: Members = { ...settings };
  const variables: string[] = [];
  if (state.resourceServers.size) pool.resourceServers = byKey(state.resourceServers);
  if (state.identityProviders.size) {
    const idps: Members = {};
    for (const [name, p] of [...state.identityProviders.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const details = { ...((p.ProviderDetails as Record<string, string> | undefined) ?? {}) };
      const item = clean({ ...p });
      if (details.client_secret !== undefined) {
        // Never printed: the file names a variable the apply reads it from.
        const variable = envName("IDP", name, "CLIENT_SECRET");
        variables.push(variable);
        item.ProviderDetails = { ...(item.ProviderDetails as Members), client_secret: `\${${variable}}` };
      }
      idps[name] = item;
    }
    pool.identityProviders = idps;
  }
  if (state.clients.size)
    pool.clients = Object.fromEntries(
      [...state.clients.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([n, c]) => [n, clean(c.settings)]),
    );
  if (state.domain) pool.domain = clean(state.domain);
  if (state.groups.size) pool.groups = byKey(state.groups);
  if (Object.keys(state.mfa).length) pool.mfa = clean(state.mfa);
  if (state.uiCustomization) pool.uiCustomization = clean(state.uiCustomization);
  if (withUsers) {
    const users: Members = {};
    for (const [name, u] of [...state.users.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const { sub: _generated, ...attributes } = u.attributes;
      users[name] = clean({
        attributes,
        ...(u.groups.length ? { groups: u.groups } : {}),
        ...(u.enabled ? {} : { enabled: false }),
      });
    }
    pool.users = users;
  }
  return { stack: { pools: { [state.name]: pool } }, variables };
}

export async function dumpPool(
  call: CognitoCall,
  poolId: string,
  opts: DumpOptions,
): Promise<{ text: string; variables: string[] }> {
  const state = await readPool(call, poolId, { users: opts.withUsers ? "all" : undefined });
  const { stack, variables } = poolToStack(state, Boolean(opts.withUsers));
  const YAML = (await import("yaml")).default;
  return { text: YAML.stringify(stack, { lineWidth: 0 }), variables };
}
