// Import files for the --via job tests: a CSV in Cognito's dialect for a pool's GetCSVHeader, with
// rows planted bad on purpose, and a plain reader of such a file into the CSV contract's rows (for
// driving runJobImport directly; the real reader is src/cognito/csv/).
import { readFileSync, writeFileSync } from "node:fs";
import type { CsvRow } from "../../src/cognito/csv/types.js";

export interface UserSpec {
  username: string;
  /** Column → value, over the defaults (email, email_verified TRUE, mfa false). */
  values?: Record<string, string>;
}

/** Writes the file; `extra` columns (cognito:groups ...) go after the pool's. */
export function writeImportFile(
  path: string,
  header: string[],
  users: UserSpec[],
  extra: string[] = [],
): void {
  const columns = [...header, ...extra];
  const lines = [columns.join(",")];
  for (const u of users) {
    const row: Record<string, string> = {
      "cognito:username": u.username,
      "cognito:mfa_enabled": "false",
      email: `${u.username}@example.com`,
      email_verified: "TRUE",
      ...u.values,
    };
    lines.push(columns.map((c) => (row[c] ?? "").replaceAll(",", "\\,")).join(","));
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

/** The file's data rows (Cognito's dialect: no quoting, `\,` for a comma), none with problems. */
export function readImportRows(
  path: string,
  keep: (row: CsvRow) => boolean = () => true,
): () => AsyncIterable<CsvRow> {
  return async function* rows() {
    const lines = readFileSync(path, "utf8").split("\n");
    const header = lines[0].split(",");
    let index = 0;
    for (let i = 1; i < lines.length; i++) {
      if (lines[i] === "") continue;
      const cells = lines[i].split(/(?<!\\),/);
      const values: Record<string, string> = {};
      header.forEach((h, k) => {
        values[h] = (cells[k] ?? "").replaceAll("\\,", ",").trim();
      });
      const row: CsvRow = { line: i + 1, index: index++, raw: lines[i], values, problems: [] };
      if (keep(row)) yield row;
    }
  };
}
