// The users import file, read and checked (COGNITO-FACTS §8, §8b): one reader for `users validate`,
// `users import` and the embedded endpoint's import job.
//
//   const pool = importPoolFrom(describeUserPool.UserPool, getCsvHeader.CSVHeader);
//   const file = await openImportFile(createReadStream(path), pool);   // throws CsvFileError (fatal)
//   for await (const row of file.rows()) if (row.problems.length) ...   // rows in order, line numbers exact
//
// A synchronous caller (a job inside a SQLite transaction) pushes bytes into ImportFileParser instead.
export { exampleRow, exampleValues } from "./example.js";
export { type FixEscapingStats, fixEscaping, fixLine } from "./fix-escaping.js";
export { CompactKeySet } from "./key-set.js";
export {
  CsvFileError,
  type ImportFileOptions,
  ImportFileParser,
  type ImportFileStats,
  type ImportHeader,
  splitLine,
} from "./parser.js";
export { documentedCsvHeader, importPoolFrom, STANDARD_CSV_COLUMNS } from "./pool.js";
export { type ImportFile, openImportFile } from "./reader.js";
export { COGCTL_COLUMN_PREFIX, COGNITO_EXTRA_COLUMNS, columnName, isExtraColumn } from "./rules.js";
export type { CsvFileProblem, CsvProblem, CsvProblemKind, CsvRow, ImportPool } from "./types.js";
