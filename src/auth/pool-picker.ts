// The user pool and app client of a sign-in when their flags are omitted: on a terminal, a choice
// list read from ListUserPools and ListUserPoolClients (every page, through the CLI's paginator and
// the model's paging members from the catalog);
// one pool or client is taken, saying so. Without a terminal, or when the lists cannot be read
// (they need admin credentials a user signing in may not have), the id is asked for as before,
// which without a terminal is exit 252 naming the flag.
import { loadOperation } from "../cognito/catalog.js";
import type { CognitoCall } from "../kernel/cognito-call.js";
import type { Context } from "../kernel/context.js";
import { CliError, ExitCode } from "../kernel/errors.js";
import { PageIterator } from "../kernel/paginate.js";

/** The service's largest page for both list operations. */
const PAGE_SIZE = 60;

interface Listing {
  /** The operation's CLI name in the catalog. */
  cliName: string;
  input: Record<string, unknown>;
  /** What the choice list shows and returns for one item. */
  item: (entry: Record<string, unknown>) => { name: string; id: string };
}

type Asker = Pick<Context, "io" | "prompter" | "printer">;

export async function pickUserPool(ctx: Asker, call: CognitoCall): Promise<string> {
  return pick(ctx, call, "User pool", "--user-pool-id", {
    cliName: "list-user-pools",
    input: {},
    item: (p) => ({ name: String(p.Name ?? ""), id: String(p.Id) }),
  });
}

export async function pickAppClient(ctx: Asker, call: CognitoCall, userPoolId: string): Promise<string> {
  return pick(ctx, call, "App client", "--client-id", {
    cliName: "list-user-pool-clients",
    input: { UserPoolId: userPoolId },
    item: (c) => ({ name: String(c.ClientName ?? ""), id: String(c.ClientId) }),
  });
}

async function pick(ctx: Asker, call: CognitoCall, what: string, flag: string, listing: Listing) {
  const typeIt = () => ctx.prompter.input(`${what} id:`, { flag });
  if (!ctx.io.canPrompt) return typeIt();
  const op = loadOperation(listing.cliName);
  if (!op?.paginator) throw new Error(`the catalog has no paginator for ${listing.cliName}`);
  const { name: operation, paginator } = op;
  const [resultKey] = paginator.resultKeys;
  let items: { name: string; id: string }[];
  try {
    const pages = new PageIterator((input) => call(operation, input), listing.input, paginator, {
      pageSize: PAGE_SIZE,
    });
    items = [];
    for await (const page of pages)
      items.push(...((page[resultKey] as Record<string, unknown>[] | undefined) ?? []).map(listing.item));
  } catch (err) {
    // Refused (no admin rights, no credentials): the person may still know the id.
    if (!(err instanceof CliError) || err.exitCode === ExitCode.INTERRUPTED) throw err;
    ctx.printer.info(`Could not list with ${operation} (${err.message}); ${flag} skips this question.`);
    return typeIt();
  }
  const label = (i: { name: string; id: string }) => (i.name ? `${i.name} (${i.id})` : i.id);
  if (items.length === 0) {
    ctx.printer.info(`${operation} found none here; ${flag} skips this question.`);
    return typeIt();
  }
  if (items.length === 1) {
    ctx.printer.info(`${what}: ${label(items[0])}, the only one (${flag} to name another).`);
    return items[0].id;
  }
  return ctx.prompter.select(
    `${what}:`,
    items.map((i) => ({ name: label(i), value: i.id })),
    { flag },
  );
}
