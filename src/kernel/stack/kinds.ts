// What a stack file can hold, read off the operation catalog: for each kind of resource, the
// operation that creates it (its members are the file's members, as in --cli-input-yaml), the one
// that updates it, the member its map key fills in, and what only creation can set. One table, so
// the loader, the plan, the dump and the JSON Schema agree on every member.
import { loadOperation, type Operation, type StructureShape } from "../../cognito/catalog.js";

export type KindName =
  | "pool"
  | "resourceServer"
  | "identityProvider"
  | "client"
  | "domain"
  | "group"
  | "mfa"
  | "uiCustomization"
  | "user";

export interface Kind {
  name: KindName;
  /** The pool's key in the file (`clients`, `groups` ...); the pool itself has none. */
  key?: string;
  /** The operation whose input the file's members are (CLI name). */
  create: string;
  /** The Update* operation (resets what it is not given: always sent the merged settings). */
  update?: string;
  /** The member the map key fills in (PoolName, ClientName ...); none for single blocks. */
  keyMember?: string;
  /** Members that are the engine's to fill, never the file's. */
  implied: string[];
  /** Members of the create operation that the file may not give (the engine's, or unsupported). */
  refused?: Record<string, string>;
  /** Shown in messages. */
  label: string;
}

export const KINDS: Record<KindName, Kind> = {
  pool: {
    name: "pool",
    create: "create-user-pool",
    update: "update-user-pool",
    keyMember: "PoolName",
    implied: [],
    label: "pool",
  },
  resourceServer: {
    name: "resourceServer",
    key: "resourceServers",
    create: "create-resource-server",
    update: "update-resource-server",
    keyMember: "Identifier",
    implied: ["UserPoolId"],
    label: "resource server",
  },
  identityProvider: {
    name: "identityProvider",
    key: "identityProviders",
    create: "create-identity-provider",
    update: "update-identity-provider",
    keyMember: "ProviderName",
    implied: ["UserPoolId"],
    label: "identity provider",
  },
  client: {
    name: "client",
    key: "clients",
    create: "create-user-pool-client",
    update: "update-user-pool-client",
    keyMember: "ClientName",
    implied: ["UserPoolId"],
    label: "client",
  },
  domain: {
    name: "domain",
    key: "domain",
    create: "create-user-pool-domain",
    update: "update-user-pool-domain",
    implied: ["UserPoolId"],
    label: "domain",
  },
  group: {
    name: "group",
    key: "groups",
    create: "create-group",
    update: "update-group",
    keyMember: "GroupName",
    implied: ["UserPoolId"],
    label: "group",
  },
  mfa: {
    name: "mfa",
    key: "mfa",
    create: "set-user-pool-mfa-config",
    implied: ["UserPoolId"],
    label: "MFA configuration",
  },
  uiCustomization: {
    name: "uiCustomization",
    key: "uiCustomization",
    create: "set-ui-customization",
    implied: ["UserPoolId"],
    refused: {
      ClientId:
        "the stack sets the pool-wide customization (ClientId ALL); per-client styles are not managed",
    },
    label: "UI customization",
  },
  user: { name: "user", key: "users", create: "admin-create-user", implied: [], label: "user" },
};

/** The nested blocks of a pool, in the order they are applied (dependencies first). */
export const NESTED: KindName[] = [
  "resourceServer",
  "identityProvider",
  "client",
  "domain",
  "group",
  "mfa",
  "uiCustomization",
  "user",
];

export function operation(cliName: string): Operation {
  const op = loadOperation(cliName);
  if (!op) throw new Error(`internal: the catalog has no ${cliName}`);
  return op;
}

/** The create operation's input shape without the members the engine fills in. */
export function fileShape(kind: Kind): StructureShape {
  const input = operation(kind.create).input;
  const drop = new Set([...kind.implied, ...(kind.keyMember ? [kind.keyMember] : [])]);
  return {
    ...input,
    members: Object.fromEntries(Object.entries(input.members).filter(([k]) => !drop.has(k))),
    required: input.required.filter((k) => !drop.has(k)),
  };
}

/** Members creation sets that the Update* operation does not take: they cannot change in place. */
export function createOnly(kind: Kind): string[] {
  if (!kind.update) return [];
  const update = operation(kind.update).input.members;
  return Object.keys(fileShape(kind).members).filter((m) => !Object.hasOwn(update, m));
}

/** Members the Update* operation takes, without the ones that name the resource. */
export function updateMembers(kind: Kind): string[] {
  if (!kind.update) return Object.keys(fileShape(kind).members);
  const names = new Set(["UserPoolId", "ClientId", ...(kind.keyMember ? [kind.keyMember] : [])]);
  return Object.keys(operation(kind.update).input.members).filter((m) => !names.has(m));
}
