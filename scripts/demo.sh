#!/usr/bin/env bash
# A real cogctl workflow against the embedded endpoint (--local): no AWS account, no server.
# Uses a throw-away data directory unless COGCTL_DATA_DIR is set.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${COGCTL_DATA_DIR:-}" ]; then
  COGCTL_DATA_DIR=$(mktemp -d -t cogctl-demo-XXXXXX)
  trap 'rm -rf "$COGCTL_DATA_DIR"' EXIT # a throw-away directory is thrown away
fi
export COGCTL_DATA_DIR
export COGCTL_CONFIG_DIR="${COGCTL_CONFIG_DIR:-$COGCTL_DATA_DIR/config}"
export COGCTL_STATE_DIR="${COGCTL_STATE_DIR:-$COGCTL_DATA_DIR/state}"
# Echo each command (with any --password value masked), then run it against the embedded endpoint.
cog() {
  local shown=() prev=""
  for a in "$@"; do [ "$prev" = "--password" ] && shown+=("****") || shown+=("$a"); prev="$a"; done
  echo "+ cogctl --local ${shown[*]}" >&2
  ./bin/cogctl --local "$@"
}

POOL=$(cog create-user-pool --pool-name demo --username-attributes email \
  --policies 'PasswordPolicy={MinimumLength=8,RequireNumbers=true}' --query UserPool.Id --output text)
CLIENT=$(cog create-user-pool-client --user-pool-id "$POOL" --client-name demo-app \
  --explicit-auth-flows ALLOW_USER_SRP_AUTH ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH \
  --query UserPoolClient.ClientId --output text)
cog create-group --user-pool-id "$POOL" --group-name admins --description "Administrators" --output yaml
for who in alice bob carol; do
  cog admin-create-user --user-pool-id "$POOL" --username "$who@example.com" \
    --user-attributes Name=email,Value="$who@example.com" Name=email_verified,Value=true \
    --message-action SUPPRESS --query User.Username --output text
done
cog admin-add-user-to-group --user-pool-id "$POOL" --username alice@example.com --group-name admins
cog list-users --user-pool-id "$POOL" --filter 'email ^= "a"' --query 'Users[].Attributes[?Name==`email`].Value[]' --output text
cog list-users --user-pool-id "$POOL" --max-items 2 --output table
# Sign alice in by SRP (the password comes from stdin, never argv), then act as her.
cog admin-set-user-password --user-pool-id "$POOL" --username alice@example.com --password 'Demo-passw0rd' --permanent
printf '%s' 'Demo-passw0rd' | cog auth login --user-pool-id "$POOL" --client-id "$CLIENT" \
  --username alice@example.com --password-stdin
# The same pool through the task commands: names instead of ids (tab-separated here, a table on a terminal).
cog users list --pool demo
cog users show alice@example.com --pool demo
cog get-user --query 'UserAttributes[?Name==`email`].Value' --output text
cog auth tokens --decode --query 'IdToken.{user: "cognito:username", email: email, groups: "cognito:groups"}' --output yaml
# A CSV import: the pool's header, a file with one bad row, checked before anything is sent, then
# the good rows imported (the bad one goes to a rejects file to fix and re-import).
cog pools create people --verify email
CSV="$COGCTL_DATA_DIR/people.csv"
{
  cog users template --pool people
  for who in dana erin frank; do
    echo "$who,,,,,,,,,$who@example.com,true,,,,,,false,,,false,$who"
  done
  echo "grace,,,,,,,,,grace@,true,,,,,,false,,,false,grace"
} >"$CSV"
cog users validate "$CSV" --pool people || echo "(users validate: exit $? — one row is wrong, as planted)" >&2
cog users import "$CSV" --pool people --skip-invalid || echo "(users import: exit $? — the bad row is in the rejects file)" >&2
cog users list --pool people
# Back up, then copy into another pool (groups, enabled states and MFA preferences go with them).
cog users export --pool people --groups --out "$COGCTL_DATA_DIR/people-backup.csv"
cog pools create people-copy --verify email
cog users copy --from-pool people --to-pool people-copy --yes --map-file "$COGCTL_DATA_DIR/subs.csv"
cog users runs
if trap -p EXIT | grep -q rm; then
  echo "pool $POOL, client $CLIENT (in a throw-away data directory; set COGCTL_DATA_DIR to keep it)" >&2
else
  echo "pool $POOL, client $CLIENT, data in $COGCTL_DATA_DIR" >&2
fi
