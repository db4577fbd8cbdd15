import type { ListUserImportJobsRequest } from "@aws-sdk/client-cognito-identity-provider";
import { ImportJobsService } from "../services/import-jobs.js";
import { defineTarget } from "./target.js";

export default defineTarget<ListUserImportJobsRequest>((input, { services }) => {
  const pool = services.pools.get(input.UserPoolId as string);
  const { jobs, token } = new ImportJobsService(services, services.clock).list(
    pool.id,
    input.MaxResults as number,
    input.PaginationToken,
  );
  return {
    UserImportJobs: jobs.map((j) => ImportJobsService.describe(j)),
    ...(token ? { PaginationToken: token } : {}),
  };
});
