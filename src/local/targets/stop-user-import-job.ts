import type { StopUserImportJobRequest } from "@aws-sdk/client-cognito-identity-provider";
import { ImportJobsService } from "../services/import-jobs.js";
import { defineTarget } from "./target.js";

export default defineTarget<StopUserImportJobRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const job = new ImportJobsService(services, services.clock).stop(pool.id, input.JobId as string);
  return { UserImportJob: ImportJobsService.describe(job) };
});
