// The plan as people read it (and CI logs keep): per pool, one line per resource that changes with
// its member-by-member diff, secrets masked; refusals with why; a summary line.
import { isSecretPath, label, type Plan, type Step } from "./plan.js";

const SHOWN = 80;
export const MASK = "****";

function show(value: unknown, path: string): string {
  if (value === undefined) return "(none)";
  if (isSecretPath(path)) return MASK;
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(maskDeep(value));
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}...` : text;
}

/** Secrets inside a structure shown whole (a new client's settings, an IdP's ProviderDetails). */
function maskDeep(value: unknown, path = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, path));
  if (value instanceof Uint8Array) return `(${value.byteLength} bytes)`;
  if (typeof value === "object" && value !== null && !(value instanceof Date))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        isSecretPath(`${path}.${k}`) ? MASK : maskDeep(v, `${path}.${k}`),
      ]),
    );
  return value;
}

const SIGN: Record<Step["action"], string> = {
  create: "+",
  update: "~",
  delete: "-",
  refused: "!",
  kept: "·",
  unchanged: "=",
};

export function counts(plan: Plan): Record<Step["action"], number> {
  const n = { create: 0, update: 0, delete: 0, refused: 0, kept: 0, unchanged: 0 };
  for (const s of plan.steps) n[s.action]++;
  return n;
}

export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  for (const ref of plan.refs) {
    const steps = plan.steps.filter((s) => s.pool === ref.name);
    const poolStep = steps.find((s) => s.kind === "pool");
    lines.push(
      `pool ${ref.name}${ref.id ? ` (${ref.id})` : ""}: ${poolStep?.action === "create" ? "create" : "exists"}`,
    );
    let unchanged = 0;
    for (const s of steps) {
      if (s.action === "unchanged") {
        unchanged++;
        continue;
      }
      const what =
        s.action === "refused" ? "cannot change in place" : s.action === "kept" ? s.reasons[0] : s.action;
      lines.push(`  ${SIGN[s.action]} ${label(s)}: ${what}`);
      for (const c of s.changes) {
        if (s.action === "create" && c.path === "") continue;
        lines.push(
          `      ${c.path}: ${s.action === "create" ? show(c.to, c.path) : `${show(c.from, c.path)} → ${show(c.to, c.path)}`}`,
        );
      }
      if (s.action === "refused" || s.action === "delete")
        for (const r of s.reasons) lines.push(`      why: ${r}`);
    }
    if (unchanged > 0) lines.push(`  = ${unchanged} unchanged`);
  }
  const n = counts(plan);
  if (n.create + n.update + n.delete + n.refused === 0) lines.push("No changes.");
  else
    lines.push(
      `Plan: ${n.create} to create, ${n.update} to update, ${n.delete} to delete${n.refused ? `, ${n.refused} cannot change in place` : ""}.`,
    );
  return `${lines.join("\n")}\n`;
}

/** The line an applied step leaves in the log. */
export function doneLine(s: Step): string {
  const verb = { create: "created", update: "updated", delete: "deleted" }[
    s.action as "create" | "update" | "delete"
  ];
  return `${s.pool}: ${verb} ${label(s)}`;
}
