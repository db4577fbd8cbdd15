// What the next CI step needs from an apply: pool ids and ARNs, domains, client ids and secrets
// (masked unless --show-secrets), as JSON, table rows, or `export NAME='value'` lines for `source`.
import type { PoolRefs } from "./plan.js";
import { MASK } from "./render.js";

export interface OutputRow {
  name: string;
  kind: string;
  value: string;
  /** Its `--output env` variable. */
  variable: string;
  secret?: boolean;
}

/** COGNITO_ + upper snake case: `staging-eu` → STAGING_EU, `webApp` → WEB_APP. */
export function envName(...parts: string[]): string {
  return [
    "COGNITO",
    ...parts.map((p) =>
      p
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/[^A-Za-z0-9]+/g, "_")
        .replace(/^_+|_+$/g, "")
        .toUpperCase(),
    ),
  ].join("_");
}

export function outputRows(refs: PoolRefs[]): OutputRow[] {
  const rows: OutputRow[] = [];
  for (const p of refs) {
    if (p.id) rows.push({ name: p.name, kind: "pool id", value: p.id, variable: envName(p.name, "POOL_ID") });
    if (p.arn)
      rows.push({ name: p.name, kind: "pool arn", value: p.arn, variable: envName(p.name, "POOL_ARN") });
    if (p.domain)
      rows.push({ name: p.name, kind: "domain", value: p.domain, variable: envName(p.name, "DOMAIN") });
    for (const [client, c] of [...p.clients.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (c.id)
        rows.push({
          name: `${p.name}/${client}`,
          kind: "client id",
          value: c.id,
          variable: envName(p.name, client, "CLIENT_ID"),
        });
      if (c.secret)
        rows.push({
          name: `${p.name}/${client}`,
          kind: "client secret",
          value: c.secret,
          variable: envName(p.name, client, "CLIENT_SECRET"),
          secret: true,
        });
    }
  }
  return rows;
}

export function outputJson(refs: PoolRefs[], showSecrets: boolean): Record<string, unknown> {
  const pools: Record<string, unknown> = {};
  for (const p of refs) {
    const clients: Record<string, unknown> = {};
    for (const [name, c] of p.clients)
      clients[name] = {
        ClientId: c.id,
        ...(c.secret ? { ClientSecret: showSecrets ? c.secret : MASK } : {}),
      };
    pools[p.name] = {
      UserPoolId: p.id,
      Arn: p.arn,
      ...(p.domain ? { Domain: p.domain } : {}),
      Clients: clients,
    };
  }
  return { Pools: pools };
}

const shellQuote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;

export function outputEnv(refs: PoolRefs[], showSecrets: boolean): string {
  return outputRows(refs)
    .map((r) =>
      r.secret && !showSecrets
        ? `# ${r.variable}: not shown (pass --show-secrets)`
        : `export ${r.variable}=${shellQuote(r.value)}`,
    )
    .map((l) => `${l}\n`)
    .join("");
}
