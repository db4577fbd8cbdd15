// StartUserImportJob: only a Created job starts (a stopped or finished job cannot restart); the
// import runs to completion before the answer (see services/import-jobs.ts for why).
import type { StartUserImportJobRequest } from "@aws-sdk/client-cognito-identity-provider";
import { PreconditionNotMetException } from "../errors.js";
import { ImportJobsService } from "../services/import-jobs.js";
import { runImport } from "../services/user-import.js";
import { defineTarget } from "./target.js";

export default defineTarget<StartUserImportJobRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const jobs = new ImportJobsService(services, services.clock);
  const job = jobs.get(pool.id, input.JobId as string);
  if (job.Status !== "Created") {
    throw new PreconditionNotMetException(
      `The import job ${job.JobId} is ${job.Status}; only a Created job can be started.`,
    );
  }
  job.Status = "Pending";
  jobs.save(job);
  try {
    return { UserImportJob: ImportJobsService.describe(runImport(services, jobs, pool, job)) };
  } finally {
    // A job never restarts, so its file has served its purpose.
    services.uploads.remove(job.JobId as string);
  }
});
