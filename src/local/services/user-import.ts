// Runs an import job over its uploaded CSV (§8): header check, per-row validation, users created
// RESET_REQUIRED with no password, duplicates skipped, bad rows failed (with their line in RowErrors).
import { parse } from "csv-parse/sync";
import {
  CSV_LIMITS,
  protectEscapedCommas,
  restoreEscapedCommas,
  rowCharacters,
  startsWithUtf8Bom,
} from "../../cognito/csv-rules.js";
import { csvHeader } from "./csv-header.js";
import type { ImportJobsService, JobData } from "./import-jobs.js";
import type { LocalServices } from "./index.js";
import type { Pool } from "./pools.js";
import { checkRequired, validateAttributes } from "./schema.js";

const { maxUsers: MAX_IMPORT_USERS, maxRowCharacters: MAX_ROW_CHARS } = CSV_LIMITS;
const CHUNK = 1000;
const MAX_ROW_ERRORS = 100;

export function runImport(
  services: LocalServices,
  jobs: ImportJobsService,
  pool: Pool,
  job: JobData,
): JobData {
  const now = () => services.clock().getTime() / 1000;
  job.StartDate = now();
  job.Status = "InProgress";
  jobs.save(job);
  const finish = (status: "Succeeded" | "Failed", message: string): JobData => {
    job.Status = status;
    job.CompletionMessage = message;
    job.CompletionDate = now();
    jobs.save(job);
    return job;
  };

  const file = jobs.csv(job.JobId as string);
  if (!file || file.length === 0)
    return finish("Failed", "No CSV file was uploaded to the job's PreSignedUrl.");
  if (startsWithUtf8Bom(file)) {
    return finish("Failed", "The CSV file starts with a byte order mark; save it as UTF-8 without BOM.");
  }
  const text = protectEscapedCommas(file.toString("utf8"));
  let records: string[][];
  // Each row's line as written (stand-ins back as `\,`), for the one definition of a row's length.
  let rawLines: string[];
  try {
    const parsed = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      raw: true,
    }) as unknown as Array<{
      record: string[];
      raw: string;
    }>;
    records = parsed.map((p) => p.record);
    rawLines = parsed.map((p) => p.raw.replaceAll(protectEscapedCommas("\\,"), "\\,"));
  } catch (err) {
    return finish("Failed", `The CSV file could not be parsed: ${(err as Error).message}`);
  }
  if (records.length === 0) return finish("Failed", "The CSV file is empty.");
  const header = records[0].map((h) => h.trim());
  const expected = csvHeader(pool);
  const missing = expected.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !expected.includes(c));
  if (missing.length || unknown.length) {
    return finish(
      "Failed",
      `The header of the CSV file does not match the user pool's (GetCSVHeader).${missing.length ? ` Missing: ${missing.join(", ")}.` : ""}${unknown.length ? ` Unknown: ${unknown.join(", ")}.` : ""}`,
    );
  }
  const rows = records.slice(1);
  if (rows.length > MAX_IMPORT_USERS)
    return finish("Failed", `The CSV file has more than ${MAX_IMPORT_USERS} users.`);

  const errors: string[] = [];
  const seen = new Set<string>();
  for (let start = 0; start < rows.length; start += CHUNK) {
    // Stop requests from another process land between chunks.
    if (start > 0 && jobs.get(pool.id, job.JobId as string).Status === "Stopped")
      return jobs.get(pool.id, job.JobId as string);
    const tx = services.db.transaction(() => {
      for (let i = start; i < Math.min(rows.length, start + CHUNK); i++) {
        const line = i + 2;
        const outcome = importRow(services, pool, header, rows[i], rawLines[i + 1], seen);
        if (outcome === "imported") job.ImportedUsers = (job.ImportedUsers ?? 0) + 1;
        else if (outcome === "skipped") job.SkippedUsers = (job.SkippedUsers ?? 0) + 1;
        else {
          job.FailedUsers = (job.FailedUsers ?? 0) + 1;
          if (errors.length < MAX_ROW_ERRORS) errors.push(`line ${line}: ${outcome.error}`);
        }
      }
      job.RowErrors = errors;
      jobs.save(job);
    });
    tx.immediate();
  }
  const failed = job.FailedUsers ?? 0;
  const skipped = job.SkippedUsers ?? 0;
  return finish(
    "Succeeded",
    failed || skipped
      ? `Import Job Completed. ${job.ImportedUsers} users imported, ${skipped} skipped, ${failed} failed.`
      : "Import Job Completed Successfully.",
  );
}

type RowOutcome = "imported" | "skipped" | { error: string };

function importRow(
  services: LocalServices,
  pool: Pool,
  header: string[],
  row: string[],
  line: string,
  seen: Set<string>,
): RowOutcome {
  if (rowCharacters(line) > MAX_ROW_CHARS)
    return { error: `the row is longer than ${MAX_ROW_CHARS} characters` };
  if (row.length !== header.length)
    return { error: `the row has ${row.length} columns, the header ${header.length}` };
  const cell: Record<string, string> = {};
  header.forEach((h, i) => {
    cell[h] = restoreEscapedCommas(row[i]);
  });
  const username = cell["cognito:username"];
  if (!username) return { error: "cognito:username is required" };
  if (/\s/.test(username) || [...username].length > 128)
    return { error: "cognito:username must be 1-128 characters without whitespace" };
  const mfa = cell["cognito:mfa_enabled"].toLowerCase();
  if (mfa !== "true" && mfa !== "false") return { error: "cognito:mfa_enabled must be true or false" };
  if (pool.data.MfaConfiguration === "ON" && mfa !== "true")
    return { error: "cognito:mfa_enabled must be true: the user pool requires MFA" };

  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(cell)) {
    if (name.startsWith("cognito:") || value === "") continue;
    attributes[name] = value;
  }
  for (const flag of ["email_verified", "phone_number_verified"]) {
    if (attributes[flag] === undefined) continue;
    const v = attributes[flag].toLowerCase();
    if (v !== "true" && v !== "false") return { error: `${flag} must be TRUE or FALSE` };
    attributes[flag] = v;
  }
  const auto = pool.data.AutoVerifiedAttributes ?? [];
  if (auto.length && !auto.some((a) => attributes[a] && attributes[`${a}_verified`] === "true")) {
    return {
      error: `at least one auto-verified attribute (${auto.join(", ")}) must be present and marked verified`,
    };
  }
  if (attributes.birthdate !== undefined && !/^\d{2}\/\d{2}\/\d{4}$/.test(attributes.birthdate)) {
    return { error: "birthdate must be mm/dd/yyyy" };
  }
  if (attributes.updated_at !== undefined && !/^\d+$/.test(attributes.updated_at))
    return { error: "updated_at must be epoch seconds" };

  const key = services.users.key(pool, username);
  if (seen.has(key) || services.users.find(pool, username)) return "skipped";
  seen.add(key);
  try {
    // birthdate is mm/dd/yyyy in import files (checked above), unlike the API's format.
    validateAttributes(
      pool.data.SchemaAttributes ?? [],
      Object.entries(attributes)
        .filter(([Name]) => Name !== "birthdate")
        .map(([Name, Value]) => ({ Name, Value })),
      "create",
    );
    checkRequired(pool.data.SchemaAttributes ?? [], attributes);
    const user = services.users.create(pool, { username, attributes, status: "RESET_REQUIRED" });
    if (mfa === "true") {
      services.users.modify(pool, user, (u) => {
        u.data.mfaEnabled = true;
      });
    }
    return "imported";
  } catch (err) {
    const name = (err as { type?: string }).type;
    if (name === "UsernameExistsException") return "skipped";
    return { error: (err as Error).message };
  }
}
