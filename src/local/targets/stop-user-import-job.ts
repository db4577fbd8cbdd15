// StopUserImportJob: a job not begun stops at once; a running one answers Stopping and is Stopped
// at its next chunk boundary (by whichever endpoint runs it). A stopped job cannot restart.
import type { StopUserImportJobRequest } from "@aws-sdk/client-cognito-identity-provider";
import { ImportJobsService } from "../services/import-jobs.js";
import { defineTarget } from "./target.js";

export default defineTarget<StopUserImportJobRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const job = new ImportJobsService(services, services.clock).stop(pool.id, input.JobId as string);
  return { UserImportJob: ImportJobsService.describe(job) };
});
