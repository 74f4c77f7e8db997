#!/usr/bin/env bash
# Rotate the SCIM token when it expires within 30 days, unattended, and hand the new
# token to the push command given as arguments (on its stdin), which puts it into the
# IdP. Without a push command nothing is rotated. If the push fails, the new token is
# kept in $SCIMCTL_RESCUE_FILE (mode 0600) and the job fails saying how to recover.
#   ci-rotate-token.sh push-token-to-idp --app scim
# Needs SCIMCTL_ADMIN_URL and SCIMCTL_ADMIN_KEY from the CI's secret store.
set -euo pipefail
fail() { printf 'error: %s\n' "$@" >&2; exit "${code:-1}"; }
[ $# -gt 0 ] || code=2 fail "no push command given, so nothing was rotated" \
  "usage: ci-rotate-token.sh PUSH-COMMAND [ARGS…]  (it gets the new token on stdin)"
command -v "$1" >/dev/null || code=2 fail "push command '$1' not found, so nothing was rotated"
export SCIMCTL_NO_INPUT=1                            # never wait for a prompt
export SCIMCTL_CREDENTIAL_STORE=file                 # CI has no keyring; the copy is
export SCIMCTL_CONFIG_DIR="${RUNNER_TEMP:-$(mktemp -d)}/scimctl"   # throwaway
rescue="${SCIMCTL_RESCUE_FILE:-${RUNNER_TEMP:-$HOME}/scimctl-new-token}"
umask 077                                            # the rescue file is 0600
rotate=0
result=$(scimctl token rotate --if-expiring-within 30d --print-token -o json) || rotate=$?
# A token is in the JSON, or alone on stdout when scimctl could not store it (exit 5).
token=$(jq -r '.token // empty' 2>/dev/null <<<"$result") ||
  token=$(sed -n 's/^\(scimtok_[0-9A-Za-z]*\)$/\1/p' <<<"$result")
if [ -z "$token" ]; then
  [ "$rotate" -eq 0 ] || code=$rotate fail "scimctl token rotate failed (exit $rotate); see above"
  echo "not rotated: $(jq -r .reason <<<"$result")" >&2
  exit 0
fi
# From here on the service holds a new token and the old one no longer works.
printf '%s\n' "$token" >"$rescue"
push=0
"$@" <"$rescue" || push=$?
if [ "$push" -ne 0 ]; then
  fail "==========================================================================" \
    "the SCIM token was rotated, but the push command failed (exit $push)." \
    "The IdP still holds the OLD token, which no longer works: provisioning is DOWN" \
    "until the new token is in the IdP. The new token is in $rescue (mode 0600)." \
    "Recover: re-run the push step with it on stdin:  $* < '$rescue'" \
    "or paste it into the IdP by hand, then delete the file." \
    "=========================================================================="
fi
rm -f "$rescue"
[ "$rotate" -eq 0 ] || fail "the new token was pushed, but scimctl token rotate reported a problem (exit $rotate); see above"
echo "rotated: the new token expires $(jq -r .expires_at <<<"$result")" >&2
