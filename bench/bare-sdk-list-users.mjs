// The floor for bench/users-list.mjs: what `cogctl users list --pool NAME` does, as a bare SDK
// script (one ListUserPools page to find the pool by name, then ListUsers pages of 60, one
// tab-separated line per user written per page). No CLI around it: the difference to cogctl is
// cogctl's own cost.
// Usage: node bench/bare-sdk-list-users.mjs ENDPOINT_URL POOL_NAME
import {
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const [endpoint, poolName] = process.argv.slice(2);
const client = new CognitoIdentityProviderClient({ endpoint });
const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
const poolId = pools.UserPools.find((p) => p.Name === poolName).Id;
let token;
do {
  const page = await client.send(
    new ListUsersCommand({ UserPoolId: poolId, Limit: 60, PaginationToken: token }),
  );
  token = page.PaginationToken;
  let text = "";
  for (const u of page.Users) {
    const email = u.Attributes.find((a) => a.Name === "email")?.Value ?? "";
    text += `${u.Username}\t${email}\t${u.UserStatus}\t${u.Enabled ? "yes" : "no"}\t${u.UserCreateDate.toISOString()}\n`;
  }
  process.stdout.write(text);
} while (token);
client.destroy();
