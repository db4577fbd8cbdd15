// The CloudWatch Logs operations the embedded endpoint serves (JSON 1.1, X-Amz-Target
// `Logs_20140328.<Operation>`): the read side of import jobs' row logs, so a client reads them as
// it reads AWS. One file per operation; a separate registry from the Cognito one (../index.ts) so a
// Logs target can never be taken for a Cognito operation or the other way round.
import type { Target } from "../target.js";

type Loader = () => Promise<{ default: Target }>;

export const LOGS_TARGET_PREFIX = "Logs_20140328.";

export const logsTargets: Record<string, Loader> = {
  DescribeLogGroups: () => import("./describe-log-groups.js"),
  DescribeLogStreams: () => import("./describe-log-streams.js"),
  GetLogEvents: () => import("./get-log-events.js"),
  FilterLogEvents: () => import("./filter-log-events.js"),
};
