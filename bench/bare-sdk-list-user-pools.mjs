// The peer of `cogctl list-user-pools --max-results 10`: the same call as a bare SDK script,
// printing the same JSON. Used by bench/cli-startup.mjs.
import {
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const client = new CognitoIdentityProviderClient({ endpoint: process.argv[2] });
const out = await client.send(new ListUserPoolsCommand({ MaxResults: 10 }));
delete out.$metadata;
process.stdout.write(`${JSON.stringify(out, null, 4)}\n`);
