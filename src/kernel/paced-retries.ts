// The SDK retries a failed request itself (standard mode: up to 3 attempts, with its own backoff)
// below the pacer, which had counted only the first send. A bulk run at the quota then sent more than
// its rate: under the faults (8% of requests), about 51 requests a second against a quota of
// 50, until the service's bucket ran dry and a cluster of throttled retries held every worker at once
// (measured: 32-38 creations a second for 3-4 s, once or twice in a 2,000-row import).
// This middleware sits inside the SDK's retry loop, so it sees every attempt, and puts each retry
// through the pace of the Pacer.run call it belongs to:
//  - after a 5xx or a dropped connection, the retry waits for a slot of its own: the service counted
//    the request that failed;
//  - after TooManyRequestsException it takes the refused request's slot: a token bucket refuses a
//    request when it is empty, so a throttled request used none of the quota.
// Calls outside Pacer.run (one command, one request) are left alone.
import type {
  FinalizeHandler,
  HandlerExecutionContext,
  MetadataBearer,
  MiddlewareStack,
} from "@smithy/types";
import { currentPace, isThrottle } from "./pacer.js";

/** Per SDK call (its context, shared by its attempts): how its last attempt ended. */
const lastAttempt = new WeakMap<HandlerExecutionContext, "refused" | "counted">();

const pacedRetry =
  <Output extends MetadataBearer>(next: FinalizeHandler<object, Output>, context: HandlerExecutionContext) =>
  async (args: Parameters<FinalizeHandler<object, Output>>[0]) => {
    const pace = currentPace();
    if (pace && lastAttempt.get(context) === "counted") await pace.pacer.acquire(pace.category);
    try {
      return await next(args);
    } catch (err) {
      lastAttempt.set(context, isThrottle(err) ? "refused" : "counted");
      throw err;
    }
  };

/** Adds the pacing of retries to a client's middleware stack (once; a second call replaces it). */
export function pacingRetries(stack: MiddlewareStack<object, MetadataBearer>): void {
  stack.addRelativeTo(pacedRetry as never, {
    relation: "after",
    toMiddleware: "retryMiddleware",
    name: "cogctlPacedRetries",
    override: true,
  });
}
