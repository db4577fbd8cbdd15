// StartUserImportJob: only a Created job with an uploaded file starts, one at a time (see
// ImportJobsService.start: exactly one process wins). It answers at once (Pending); the import runs
// in the background of this endpoint's process (services/import-runner.ts) and
// DescribeUserImportJob shows its counters move.
import type { StartUserImportJobRequest } from "@aws-sdk/client-cognito-identity-provider";
import { ImportJobsService } from "../services/import-jobs.js";
import { defineTarget } from "./target.js";

export default defineTarget<StartUserImportJobRequest>((input, { services, imports }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const jobs = new ImportJobsService(services, services.clock);
  const job = jobs.start(pool.id, input.JobId as string, imports.owner, imports.leaseMs);
  imports.launch(job.JobId as string);
  return { UserImportJob: ImportJobsService.describe(job) };
});
