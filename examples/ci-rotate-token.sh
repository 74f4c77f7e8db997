#!/usr/bin/env bash
# Rotate the SCIM token when it expires within 30 days, unattended; hand the new
# token to the command given as arguments (on its stdin), which puts it into the IdP.
#   ci-rotate-token.sh push-token-to-idp --app scim
# Needs SCIMCTL_ADMIN_URL and SCIMCTL_ADMIN_KEY from the CI's secret store.
set -euo pipefail
export SCIMCTL_NO_INPUT=1                            # never wait for a prompt
export SCIMCTL_CREDENTIAL_STORE=file                 # CI has no keyring; the copy is
export SCIMCTL_CONFIG_DIR="${RUNNER_TEMP:-$(mktemp -d)}/scimctl"   # throwaway
result=$(scimctl token rotate --if-expiring-within 30d --print-token -o json)
if [ "$(jq -r .rotated <<<"$result")" = true ]; then
  jq -r .token <<<"$result" | "$@"
  echo "rotated: the new token expires $(jq -r .expires_at <<<"$result")" >&2
else
  echo "not rotated: $(jq -r .reason <<<"$result")" >&2
fi
