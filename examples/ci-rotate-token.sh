#!/usr/bin/env bash
# Rotate the SCIM token when it expires within 30 days, unattended, without an outage:
# the old token keeps working beside the new one (a 1-day overlap), the new one goes
# into the IdP, and the job waits until the IdP is seen using it. Every failure leaves
# the old token working and fails the job loudly, saying until when.
#   SCIMCTL_PUSH=entra ci-rotate-token.sh   # Microsoft Graph; needs SCIMCTL_ENTRA_*
#   SCIMCTL_PUSH=okta  ci-rotate-token.sh   # Okta has no API for a SCIM app: paste step
# Needs SCIMCTL_ADMIN_URL and SCIMCTL_ADMIN_KEY from the CI's secret store. After a
# failure the new token is in $SCIMCTL_RESCUE_FILE (mode 0600); run the job again with
# that file in place and it resumes (pushes, waits) without issuing another token.
set -euo pipefail
fail() { printf 'error: %s\n' "$@" >&2; exit "${code:-1}"; }
case "${SCIMCTL_PUSH:-}" in
  entra | okta) ;;
  *) code=2 fail "set SCIMCTL_PUSH to entra or okta; nothing was rotated" ;;
esac
export SCIMCTL_NO_INPUT=1                            # never wait for a prompt
export SCIMCTL_CREDENTIAL_STORE=file                 # CI has no keyring; the copy is
export SCIMCTL_CONFIG_DIR="${RUNNER_TEMP:-$(mktemp -d)}/scimctl"   # throwaway
rescue="${SCIMCTL_RESCUE_FILE:-${RUNNER_TEMP:-$HOME}/scimctl-new-token}"
umask 077                                            # the rescue file is 0600
# A rotation still in its overlap resumes with the new token from the rescue file.
if [ -s "$rescue" ]; then SCIMCTL_TOKEN=$(cat "$rescue"); export SCIMCTL_TOKEN; fi
rc=0
result=$(scimctl token rotate --if-expiring-within 30d --push "$SCIMCTL_PUSH" \
  --settle "${SCIMCTL_SETTLE:-15m}" --wait-for-use "${SCIMCTL_WAIT:-2h}" \
  --print-token -o json) || rc=$?
# A new token is in the JSON, or alone on stdout when it could not be stored (exit 5).
token=$(jq -r '.token // empty' 2>/dev/null <<<"$result") ||
  token=$(sed -n 's/^\(scimtok_[0-9A-Za-z]*\)$/\1/p' <<<"$result")
[ -z "$token" ] || printf '%s\n' "$token" >"$rescue"
until=$(jq -r '.previous_valid_until // empty' 2>/dev/null <<<"$result" || true)
until="${until:-the end of its overlap}"
case $rc in
  0)
    rm -f "$rescue"
    if [ "$(jq -r '.rotated or .resumed' <<<"$result")" = true ]; then
      echo "rotated: the IdP uses the new token; it expires $(jq -r .expires_at <<<"$result")" >&2
    else
      echo "not rotated: $(jq -r .reason <<<"$result")" >&2
    fi ;;
  9) code=9 fail "=== the SCIM token was rotated; Okta has no API to take it: PASTE IT NOW ===" \
    "The old token keeps provisioning working until $until." \
    "The new token is in $rescue (mode 0600); the paste step is printed above." \
    "Then run this job again: it confirms that Okta uses the new token." ;;
  10) code=10 fail "=== the IdP was not seen using the new SCIM token in time ===" \
    "The old token keeps provisioning working until $until; after that it is DOWN." \
    "The new token is in $rescue (mode 0600); run this job again to push and wait again." ;;
  *)
    [ -s "$rescue" ] || code=$rc fail "scimctl token rotate failed (exit $rc) before issuing a token; the old token is unchanged; see above"
    code=$rc fail "=== the SCIM token was rotated, but handing it to the IdP failed (exit $rc): see above ===" \
      "The old token keeps provisioning working until $until." \
      "The new token is in $rescue (mode 0600). Fix the cause and run this job again:" \
      "it pushes that token again without issuing another." ;;
esac
