// The plan: for every resource of the file (and, with --prune, every one the file's maps leave out),
// what would happen (create / update / delete / nothing) and the exact call that does it, or why it
// cannot be done in place. Steps come in dependency order (pool, resource servers, identity
// providers, clients, domain, groups, MFA, UI, users; deletions last), and each re-reads nothing:
// a re-run after a failure plans again from the service's state, so it continues where it stopped.
import type { CognitoCall } from "../cognito-call.js";
import { type Change, changes, overlay, pick, same } from "./diff.js";
import { createOnly, KINDS, type KindName, updateMembers } from "./kinds.js";
import type { Members, PoolSpec, Stack, UserSpec } from "./loader.js";
import { onePool, type PoolState, poolsByName, readPool } from "./state.js";

export type Action = "create" | "update" | "delete" | "unchanged" | "refused" | "kept";

export interface Step {
  pool: string;
  kind: KindName;
  /** The resource's name in its map ("" for the pool and the single blocks). */
  name: string;
  action: Action;
  changes: Change[];
  /** Why a step is refused, or what a kept one means. */
  reasons: string[];
  run?: (call: CognitoCall) => Promise<void>;
}

export interface ClientRef {
  id?: string;
  secret?: string;
}

/** What the outputs are made of, filled in from the state and then by each creation. */
export interface PoolRefs {
  name: string;
  id?: string;
  arn?: string;
  domain?: string;
  clients: Map<string, ClientRef>;
}

export interface Plan {
  steps: Step[];
  refs: PoolRefs[];
}

export interface PlanOptions {
  prune?: boolean;
}

/** Settings whose values never go in the plan: the catalog's sensitive members and secrets by name. */
const SECRET_NAMES = /^(ClientSecret|client_secret|Password|password)$/;

export function isSecretPath(path: string): boolean {
  return path.split(/[.[\]]/).some((seg) => SECRET_NAMES.test(seg));
}

export function label(step: Pick<Step, "kind" | "name">): string {
  const kind = KINDS[step.kind];
  if (step.kind === "pool") return "pool settings";
  return step.name ? `${kind.label} ${step.name}` : kind.label;
}

export async function buildPlan(call: CognitoCall, stack: Stack, opts: PlanOptions = {}): Promise<Plan> {
  const byName = await poolsByName(call);
  const states = await Promise.all(
    stack.pools.map(async (spec) => {
      const id = onePool(spec.name, byName.get(spec.name));
      return id ? readPool(call, id, { users: Object.keys(spec.users ?? {}) }) : undefined;
    }),
  );
  const steps: Step[] = [];
  const refs: PoolRefs[] = [];
  stack.pools.forEach((spec, i) => {
    const state = states[i];
    const ref: PoolRefs = {
      name: spec.name,
      id: state?.id,
      arn: state?.arn,
      domain: state?.domain?.Domain as string | undefined,
      clients: new Map(
        [...(state?.clients ?? new Map()).entries()].map(([n, c]) => [n, { id: c.id, secret: c.secret }]),
      ),
    };
    refs.push(ref);
    steps.push(...poolSteps(spec, state, ref, opts));
  });
  return { steps, refs };
}

function step(spec: PoolSpec, kind: KindName, name: string, fields: Partial<Step>): Step {
  return { pool: spec.name, kind, name, action: "unchanged", changes: [], reasons: [], ...fields };
}

function poolId(ref: PoolRefs): string {
  if (!ref.id) throw new Error(`internal: pool ${ref.name} has no id yet`);
  return ref.id;
}

function poolSteps(spec: PoolSpec, state: PoolState | undefined, ref: PoolRefs, opts: PlanOptions): Step[] {
  const steps: Step[] = [poolSettingsStep(spec, state, ref)];
  /** One step per entry of a map the file has (an absent map manages nothing of its kind). */
  const mapped = <T>(file: Record<string, T> | undefined, one: (name: string, item: T) => Step) => {
    if (!file) return;
    for (const [name, item] of Object.entries(file)) steps.push(one(name, item));
  };
  mapped(spec.resourceServers, (n, f) =>
    simpleStep(spec, "resourceServer", n, f, state?.resourceServers.get(n), ref, {
      create: (id) => ["CreateResourceServer", { UserPoolId: id, Identifier: n, ...f }],
      update: (id, merged) => ["UpdateResourceServer", { UserPoolId: id, Identifier: n, ...merged }],
    }),
  );
  mapped(spec.identityProviders, (n, f) =>
    simpleStep(spec, "identityProvider", n, f, state?.identityProviders.get(n), ref, {
      create: (id) => ["CreateIdentityProvider", { UserPoolId: id, ProviderName: n, ...f }],
      update: (id, merged) => ["UpdateIdentityProvider", { UserPoolId: id, ProviderName: n, ...merged }],
    }),
  );
  mapped(spec.clients, (n, f) => clientStep(spec, n, f, state, ref));
  if (spec.domain) steps.push(domainStep(spec, spec.domain, state, ref, opts));
  mapped(spec.groups, (n, f) =>
    simpleStep(spec, "group", n, f, state?.groups.get(n), ref, {
      create: (id) => ["CreateGroup", { UserPoolId: id, GroupName: n, ...f }],
      update: (id, merged) => ["UpdateGroup", { UserPoolId: id, GroupName: n, ...merged }],
    }),
  );
  if (spec.mfa) steps.push(blockStep(spec, "mfa", spec.mfa, state?.mfa ?? {}, ref, "SetUserPoolMfaConfig"));
  if (spec.uiCustomization) steps.push(uiStep(spec, spec.uiCustomization, state, ref));
  for (const [n, u] of Object.entries(spec.users ?? {})) steps.push(userStep(spec, n, u, state, ref));
  if (state) steps.push(...pruneSteps(spec, state, ref, opts));
  return steps;
}

function poolSettingsStep(spec: PoolSpec, state: PoolState | undefined, ref: PoolRefs): Step {
  const file = spec.settings;
  if (!state) {
    return step(spec, "pool", "", {
      action: "create",
      changes: changes({}, file),
      run: async (call) => {
        const { UserPool } = await call("CreateUserPool", { PoolName: spec.name, ...file });
        ref.id = UserPool.Id;
        ref.arn = UserPool.Arn;
      },
    });
  }
  const reasons: string[] = [];
  const refused: Change[] = [];
  for (const m of createOnly(KINDS.pool)) {
    if (m === "Schema" || file[m] === undefined) continue;
    const merged = overlay(state.settings[m], file[m]);
    if (!same(merged, state.settings[m])) {
      refused.push(...changes(state.settings[m], merged, m));
      reasons.push(
        `${m}: Cognito sets it only when it creates a pool (UpdateUserPool has no ${m}). Give the pool a new name to make a new one, or put the current value back in the file.`,
      );
    }
  }
  const added: Members[] = [];
  if (Array.isArray(file.Schema)) {
    const current = new Map(
      ((state.settings.Schema as Members[] | undefined) ?? []).map((a) => [a.Name as string, a]),
    );
    const named = new Set<string>();
    for (const attr of file.Schema as Members[]) {
      const name = attr.Name as string;
      const cur = current.get(name) ?? current.get(`custom:${name}`);
      if (!cur) {
        added.push(attr);
        continue;
      }
      named.add(cur.Name as string);
      const merged = overlay(cur, { ...attr, Name: cur.Name });
      if (!same(merged, cur)) {
        refused.push(...changes(cur, merged, `Schema[${cur.Name}]`));
        reasons.push(
          `Schema attribute ${cur.Name} changed: Cognito never changes an attribute once the pool has it. Put its current definition back in the file (cogctl dump shows it), or give the pool a new name.`,
        );
      }
    }
    for (const [name, cur] of current) {
      if (!name.startsWith("custom:") || named.has(name)) continue;
      refused.push({ path: `Schema[${name}]`, from: cur, to: undefined });
      reasons.push(
        `Schema attribute ${name} removed: Cognito cannot delete an attribute from a pool. Keep it in the file's Schema (or leave Schema out to manage none).`,
      );
    }
  }
  if (reasons.length > 0) return step(spec, "pool", "", { action: "refused", changes: refused, reasons });
  const ups = updateMembers(KINDS.pool);
  const current = pick(state.described, ups);
  const merged = overlay(current, pick(file, ups)) as Members;
  const diff = changes(current, merged);
  for (const attr of added) diff.push({ path: `Schema[custom:${attr.Name}]`, from: undefined, to: attr });
  if (diff.length === 0) return step(spec, "pool", "", {});
  return step(spec, "pool", "", {
    action: "update",
    changes: diff,
    run: async (call) => {
      if (added.length > 0)
        await call("AddCustomAttributes", { UserPoolId: state.id, CustomAttributes: added });
      if (diff.length > added.length)
        await call("UpdateUserPool", { UserPoolId: state.id, ...updatablePool(merged) });
    },
  });
}

/**
 * DescribeUserPool still reports the deprecated AdminCreateUserConfig.UnusedAccountValidityDays
 * beside PasswordPolicy.TemporaryPasswordValidityDays; sending both back is refused by Cognito.
 */
function updatablePool(merged: Members): Members {
  const admin = merged.AdminCreateUserConfig as Members | undefined;
  const temp = ((merged.Policies as Members | undefined)?.PasswordPolicy as Members | undefined)
    ?.TemporaryPasswordValidityDays;
  if (admin && admin.UnusedAccountValidityDays !== undefined && temp !== undefined) {
    const { UnusedAccountValidityDays: _dropped, ...rest } = admin;
    return { ...merged, AdminCreateUserConfig: rest };
  }
  return merged;
}

type CallSpec = [string, Record<string, unknown>];

/** Resources with a create and an Update* that takes the merged settings (groups, servers, IdPs). */
function simpleStep(
  spec: PoolSpec,
  kind: KindName,
  name: string,
  file: Members,
  current: Members | undefined,
  ref: PoolRefs,
  calls: { create: (poolId: string) => CallSpec; update: (poolId: string, merged: Members) => CallSpec },
): Step {
  if (!current) {
    return step(spec, kind, name, {
      action: "create",
      changes: changes({}, file),
      run: async (call) => {
        const [op, input] = calls.create(poolId(ref));
        await call(op, input);
      },
    });
  }
  const refused = createOnlyChanges(kind, file, current);
  if (refused) return step(spec, kind, name, { action: "refused", ...refused });
  const ups = updateMembers(KINDS[kind]);
  const cur = pick(current, ups);
  const merged = overlay(cur, pick(file, ups)) as Members;
  const diff = changes(cur, merged);
  if (diff.length === 0) return step(spec, kind, name, {});
  return step(spec, kind, name, {
    action: "update",
    changes: diff,
    run: async (call) => {
      const [op, input] = calls.update(poolId(ref), merged);
      await call(op, input);
    },
  });
}

function createOnlyChanges(
  kind: KindName,
  file: Members,
  current: Members,
): { changes: Change[]; reasons: string[] } | undefined {
  const out: Change[] = [];
  const reasons: string[] = [];
  const k = KINDS[kind];
  for (const m of createOnly(k)) {
    if (file[m] === undefined || same(overlay(current[m], file[m]), current[m])) continue;
    out.push(...changes(current[m], file[m], m));
    reasons.push(
      `${m}: Cognito sets it only when it creates the ${k.label} (${KINDS[kind].update ? `${operationTitle(k.update as string)} has no ${m}` : "no update"}). Give it a new name in the file to create a new one (and --prune the old), or put the current value back.`,
    );
  }
  return out.length > 0 ? { changes: out, reasons } : undefined;
}

function operationTitle(cliName: string): string {
  return cliName
    .split("-")
    .map((w) => (w === "ui" ? "UI" : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("");
}

function clientStep(
  spec: PoolSpec,
  name: string,
  file: Members,
  state: PoolState | undefined,
  ref: PoolRefs,
): Step {
  const current = state?.clients.get(name);
  if (!current) {
    return step(spec, "client", name, {
      action: "create",
      changes: changes({}, file),
      run: async (call) => {
        const { UserPoolClient: c } = await call("CreateUserPoolClient", {
          UserPoolId: poolId(ref),
          ClientName: name,
          ...file,
        });
        ref.clients.set(name, { id: c.ClientId, secret: c.ClientSecret });
      },
    });
  }
  const fileForCompare = { ...file };
  const currentForCompare: Members = { ...current.settings, ClientSecret: current.secret };
  if (fileForCompare.GenerateSecret !== undefined)
    fileForCompare.GenerateSecret = Boolean(fileForCompare.GenerateSecret);
  currentForCompare.GenerateSecret = Boolean(current.secret);
  const refused = createOnlyChanges("client", fileForCompare, currentForCompare);
  if (refused) return step(spec, "client", name, { action: "refused", ...refused });
  const ups = updateMembers(KINDS.client);
  const cur = pick(current.settings, ups);
  const merged = overlay(cur, pick(file, ups)) as Members;
  const diff = changes(cur, merged);
  if (diff.length === 0) return step(spec, "client", name, {});
  return step(spec, "client", name, {
    action: "update",
    changes: diff,
    run: async (call) => {
      await call("UpdateUserPoolClient", {
        UserPoolId: poolId(ref),
        ClientId: current.id,
        ClientName: name,
        ...merged,
      });
    },
  });
}

function domainStep(
  spec: PoolSpec,
  file: Members,
  state: PoolState | undefined,
  ref: PoolRefs,
  opts: PlanOptions,
): Step {
  const current = state?.domain;
  const create = async (call: CognitoCall) => {
    await call("CreateUserPoolDomain", { UserPoolId: poolId(ref), ...file });
    ref.domain = file.Domain as string;
  };
  if (!current)
    return step(spec, "domain", "", { action: "create", changes: changes({}, file), run: create });
  if (current.Domain !== file.Domain) {
    const change = { path: "Domain", from: current.Domain, to: file.Domain };
    if (!opts.prune) {
      return step(spec, "domain", "", {
        action: "refused",
        changes: [change],
        reasons: [
          `Domain: a pool's domain cannot be renamed in place. Run with --prune to delete ${current.Domain} and create ${file.Domain} (its managed login URLs change), or put ${current.Domain} back in the file.`,
        ],
      });
    }
    return step(spec, "domain", "", {
      action: "delete",
      changes: [change],
      reasons: [`replaced: ${current.Domain} is deleted, then ${file.Domain} created`],
      run: async (call) => {
        await call("DeleteUserPoolDomain", { UserPoolId: poolId(ref), Domain: current.Domain });
        await create(call);
      },
    });
  }
  const ups = updateMembers(KINDS.domain).filter((m) => m !== "Domain");
  const cur = pick(current, ups);
  const merged = overlay(cur, pick(file, ups)) as Members;
  const diff = changes(cur, merged);
  if (diff.length === 0) return step(spec, "domain", "", {});
  return step(spec, "domain", "", {
    action: "update",
    changes: diff,
    run: async (call) => {
      await call("UpdateUserPoolDomain", { UserPoolId: poolId(ref), Domain: file.Domain, ...merged });
    },
  });
}

/** A Set* block (MFA): the merged settings sent whole. */
function blockStep(
  spec: PoolSpec,
  kind: KindName,
  file: Members,
  current: Members,
  ref: PoolRefs,
  op: string,
): Step {
  const merged = overlay(current, file) as Members;
  const diff = changes(current, merged);
  if (diff.length === 0) return step(spec, kind, "", {});
  return step(spec, kind, "", {
    action: ref.id ? "update" : "create",
    changes: diff,
    run: async (call) => {
      await call(op, { UserPoolId: poolId(ref), ...merged });
    },
  });
}

function uiStep(spec: PoolSpec, file: Members, state: PoolState | undefined, ref: PoolRefs): Step {
  // The image cannot be read back (GetUICustomization gives a URL): only the CSS is compared, and
  // the image is sent with it whenever the CSS is.
  const current = state?.uiCustomization ?? {};
  const diff = changes({ CSS: current.CSS }, { CSS: file.CSS ?? current.CSS });
  if (diff.length === 0) return step(spec, "uiCustomization", "", {});
  return step(spec, "uiCustomization", "", {
    action: state?.uiCustomization ? "update" : "create",
    changes: diff,
    run: async (call) => {
      await call("SetUICustomization", { UserPoolId: poolId(ref), ...file });
    },
  });
}

function userStep(
  spec: PoolSpec,
  name: string,
  file: UserSpec,
  state: PoolState | undefined,
  ref: PoolRefs,
): Step {
  const current = state?.users.get(name);
  const attrs = Object.entries(file.attributes).map(([Name, Value]) => ({ Name, Value }));
  if (!current) {
    const shown: Members = { attributes: file.attributes };
    if (file.groups) shown.groups = file.groups;
    if (file.enabled === false) shown.enabled = false;
    if (file.password !== undefined) shown.password = file.password;
    return step(spec, "user", name, {
      action: "create",
      changes: changes({}, shown),
      run: async (call) => {
        const UserPoolId = poolId(ref);
        await call("AdminCreateUser", {
          UserPoolId,
          Username: name,
          MessageAction: "SUPPRESS",
          ...(attrs.length > 0 ? { UserAttributes: attrs } : {}),
        });
        if (file.password !== undefined)
          await call("AdminSetUserPassword", {
            UserPoolId,
            Username: name,
            Password: file.password,
            Permanent: true,
          });
        for (const g of file.groups ?? [])
          await call("AdminAddUserToGroup", { UserPoolId, Username: name, GroupName: g });
        if (file.enabled === false) await call("AdminDisableUser", { UserPoolId, Username: name });
      },
    });
  }
  const diff: Change[] = [];
  const changed = attrs.filter((a) => current.attributes[a.Name] !== a.Value);
  for (const a of changed)
    diff.push({ path: `attributes.${a.Name}`, from: current.attributes[a.Name], to: a.Value });
  const wanted = file.groups ? [...new Set(file.groups)].sort() : undefined;
  const add = wanted?.filter((g) => !current.groups.includes(g)) ?? [];
  const remove = wanted ? current.groups.filter((g) => !wanted.includes(g)) : [];
  if (wanted && (add.length || remove.length))
    diff.push({ path: "groups", from: current.groups, to: wanted });
  const toggle = file.enabled !== undefined && file.enabled !== current.enabled;
  if (toggle) diff.push({ path: "enabled", from: current.enabled, to: file.enabled });
  if (diff.length === 0) return step(spec, "user", name, {});
  return step(spec, "user", name, {
    action: "update",
    changes: diff,
    run: async (call) => {
      const UserPoolId = poolId(ref);
      if (changed.length > 0)
        await call("AdminUpdateUserAttributes", { UserPoolId, Username: name, UserAttributes: changed });
      for (const g of add) await call("AdminAddUserToGroup", { UserPoolId, Username: name, GroupName: g });
      for (const g of remove)
        await call("AdminRemoveUserFromGroup", { UserPoolId, Username: name, GroupName: g });
      if (toggle)
        await call(file.enabled ? "AdminEnableUser" : "AdminDisableUser", { UserPoolId, Username: name });
    },
  });
}

/** What the file's maps leave out: deleted with --prune, otherwise reported and kept. */
function pruneSteps(spec: PoolSpec, state: PoolState, ref: PoolRefs, opts: PlanOptions): Step[] {
  const out: Step[] = [];
  const each = (
    kind: KindName,
    file: Record<string, unknown> | undefined,
    names: Iterable<string>,
    del: (n: string) => CallSpec,
  ) => {
    if (!file) return;
    for (const n of names) {
      if (Object.hasOwn(file, n)) continue;
      out.push(
        opts.prune
          ? step(spec, kind, n, {
              action: "delete",
              run: async (call) => {
                const [op, input] = del(n);
                await call(op, input);
                if (kind === "client") ref.clients.delete(n);
              },
            })
          : step(spec, kind, n, { action: "kept", reasons: ["not in the file: kept (--prune deletes it)"] }),
      );
    }
  };
  const UserPoolId = state.id;
  each("client", spec.clients, state.clients.keys(), (n) => [
    "DeleteUserPoolClient",
    { UserPoolId, ClientId: state.clients.get(n)?.id },
  ]);
  each("identityProvider", spec.identityProviders, state.identityProviders.keys(), (n) => [
    "DeleteIdentityProvider",
    { UserPoolId, ProviderName: n },
  ]);
  each("resourceServer", spec.resourceServers, state.resourceServers.keys(), (n) => [
    "DeleteResourceServer",
    { UserPoolId, Identifier: n },
  ]);
  each("group", spec.groups, state.groups.keys(), (n) => ["DeleteGroup", { UserPoolId, GroupName: n }]);
  return out;
}

/** Steps that would change something (what plan's exit 2 counts). */
export function pending(plan: Plan): Step[] {
  return plan.steps.filter((s) => s.action !== "unchanged" && s.action !== "kept");
}
