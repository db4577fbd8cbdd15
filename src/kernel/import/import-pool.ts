// The pool an import file is checked against, read from the live pool (DescribeUserPool and
// GetCSVHeader, in parallel).
import { documentedCsvHeader, importPoolFrom } from "../../cognito/csv/pool.js";
import type { ImportPool } from "../../cognito/csv/types.js";
import type { CognitoCall } from "../cognito-call.js";
import { ServiceError } from "../errors.js";

export interface LoadImportPoolOptions {
  /**
   * Not AWS (an --endpoint-url such as moto_server, which answers GetCSVHeader with a 500 "not
   * implemented"): then the header Cognito documents for the pool's schema is used, and `warn` says so.
   */
  notAws?: boolean;
  warn?: (message: string) => void;
}

export async function loadImportPool(
  call: CognitoCall,
  poolId: string,
  opts: LoadImportPoolOptions = {},
): Promise<ImportPool> {
  const [{ UserPool }, header] = await Promise.all([
    call("DescribeUserPool", { UserPoolId: poolId }),
    call("GetCSVHeader", { UserPoolId: poolId }).then(
      (r) => (r.CSVHeader as string[] | undefined) ?? [],
      (err: unknown) => {
        if (opts.notAws && err instanceof ServiceError && unimplemented(err)) return undefined;
        throw err;
      },
    ),
  ]);
  if (header === undefined) {
    opts.warn?.(
      "The endpoint does not implement GetCSVHeader; using the header Cognito documents for this pool's schema.",
    );
    return importPoolFrom(UserPool ?? {}, documentedCsvHeader(UserPool?.SchemaAttributes ?? []));
  }
  return importPoolFrom(UserPool ?? {}, header);
}

function unimplemented(err: ServiceError): boolean {
  return (
    err.code === "500" ||
    err.code === "501" ||
    /not (been )?implemented|UnknownOperation/i.test(`${err.code} ${err.serviceMessage}`)
  );
}
