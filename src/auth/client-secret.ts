// SECRET_HASH resolution (COGNITO-FACTS §2). The client secret comes from --client-secret-file,
// --client-secret or COGCTL_CLIENT_SECRET; otherwise cogctl assumes a public client and, only if
// the service then says a secret is needed, reads it with DescribeUserPoolClient (which needs admin
// credentials) and retries once. That keeps the common sign-in to the requests it strictly needs.

import { secretHash } from "../cognito/crypto/index.js";
import type { CognitoCall } from "../kernel/cognito-call.js";
import { ServiceError, UsageError } from "../kernel/errors.js";
import { decodeUtf8, readFileCapped, SECRET_INPUT_LIMIT } from "../kernel/io/capped-read.js";
import { describeFileError } from "../kernel/io/file-errors.js";
import type { IO } from "../kernel/io/io.js";

export interface ClientSecretOptions {
  clientSecret?: string;
  clientSecretFile?: string;
}

export class SecretHasher {
  private secret: string | undefined;
  private described = false;

  constructor(
    private readonly call: CognitoCall,
    readonly userPoolId: string | undefined,
    readonly clientId: string,
    secret?: string,
  ) {
    this.secret = secret;
  }

  /** SECRET_HASH for this username, or undefined for a client without a secret. */
  hash(username: string): string | undefined {
    return this.secret === undefined ? undefined : secretHash(username, this.clientId, this.secret);
  }

  /** Adds SECRET_HASH to a parameter map when the client has a secret. */
  add(params: Record<string, string>, username: string): Record<string, string> {
    const h = this.hash(username);
    if (h !== undefined) params.SECRET_HASH = h;
    return params;
  }

  /** For RevokeToken, which takes the secret itself. */
  get clientSecret(): string | undefined {
    return this.secret;
  }

  /**
   * Runs `attempt`; when the service refuses it for a missing SECRET_HASH and the secret was not
   * given, reads the secret once through DescribeUserPoolClient and runs `attempt` again.
   */
  async retrying<T>(attempt: () => Promise<T>): Promise<T> {
    try {
      return await attempt();
    } catch (err) {
      if (!isSecretHashError(err) || this.secret !== undefined || this.described) throw err;
      if (!(await this.discover())) throw err;
      return attempt();
    }
  }

  /** Reads the client's secret through DescribeUserPoolClient; false when it has none. */
  async discover(): Promise<boolean> {
    this.described = true;
    if (!this.userPoolId)
      throw new UsageError(
        `App client ${this.clientId} has a secret. Provide it with --client-secret-file or COGCTL_CLIENT_SECRET, or pass --user-pool-id so cogctl can read it with DescribeUserPoolClient.`,
      );
    let out: Awaited<ReturnType<CognitoCall>>;
    try {
      out = await this.call("DescribeUserPoolClient", {
        UserPoolId: this.userPoolId,
        ClientId: this.clientId,
      });
    } catch (err) {
      const why = err instanceof ServiceError ? err.code : err instanceof Error ? err.message : String(err);
      throw new UsageError(
        `App client ${this.clientId} has a secret, and it could not be read with DescribeUserPoolClient (${why}). Provide it with --client-secret-file or COGCTL_CLIENT_SECRET.`,
      );
    }
    const secret = out.UserPoolClient?.ClientSecret;
    if (typeof secret !== "string" || secret === "") return false;
    this.secret = secret;
    return true;
  }
}

export function isSecretHashError(err: unknown): boolean {
  return (
    err instanceof ServiceError && err.code === "NotAuthorizedException" && /secret/i.test(err.serviceMessage)
  );
}

/** The secret the user gave, if any: --client-secret-file, then --client-secret, then COGCTL_CLIENT_SECRET. */
export async function givenClientSecret(
  opts: ClientSecretOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  if (opts.clientSecretFile)
    return (await readSecretFile(opts.clientSecretFile, "--client-secret-file")).trim();
  return opts.clientSecret || env.COGCTL_CLIENT_SECRET || undefined;
}

/** Standard input for a secret flag (--password-stdin): capped and UTF-8 as a secret file is. */
export async function readSecretStdin(io: Pick<IO, "readStdin">, flag: string): Promise<string> {
  try {
    return await io.readStdin();
  } catch (err) {
    throw new UsageError(`${flag}: cannot read standard input: ${describeFileError(err)}.`);
  }
}

export async function readSecretFile(path: string, flag: string): Promise<string> {
  try {
    return decodeUtf8(await readFileCapped(path, SECRET_INPUT_LIMIT));
  } catch (err) {
    throw new UsageError(`${flag}: cannot read ${path}: ${describeFileError(err)}.`);
  }
}
