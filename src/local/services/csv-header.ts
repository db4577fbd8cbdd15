// The import CSV header of a pool (GetCSVHeader, and the columns StartUserImportJob requires): the
// domain's documented header for the pool's schema, so the endpoint and the CLI agree on one list.
import type { SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { documentedCsvHeader } from "../../cognito/csv/pool.js";
import type { Pool } from "./pools.js";

export function csvHeader(pool: Pool): string[] {
  return documentedCsvHeader((pool.data.SchemaAttributes ?? []) as SchemaAttributeType[]);
}
