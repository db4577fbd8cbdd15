// The contract between `cogctl users import` (commands/users/import.ts, which validates the file,
// records the run and prints the summary) and its two ways of sending the rows: one AdminCreateUser
// per row (via-api.ts) or Cognito's import job (via-job.ts).

/** How one row ended. */
export type RowOutcome = "imported" | "skipped" | "failed";

/** Counts of a run (one or more jobs, or the API path), for the summary table and --output json. */
export interface ImportSummary {
  via: "api" | "job";
  pool: string;
  file: string;
  rows: number;
  imported: number;
  /** Already in the pool (an existing username). */
  skipped: number;
  failed: number;
  /** Rows refused before anything was sent (--skip-invalid). */
  invalid: number;
  /** The rows that failed or were invalid, with a reason column, ready to fix and re-import. */
  rejectsFile?: string;
  /** The run under the state directory (`users runs`, `--resume`, `--undo`). */
  runId?: string;
  /** The import jobs this run used (--via job), in order. */
  jobIds?: string[];
}
