# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_scimctl_global_optspecs
    string join \n profile= admin-url= url= credential-store= insecure-storage o/output= timeout= ca-cert= allow-insecure no-input v/verbose q/quiet h/help V/version
end

function __fish_scimctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_scimctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_scimctl_using_subcommand
    set -l cmd (__fish_scimctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c scimctl -n "__fish_scimctl_needs_command" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_needs_command" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_needs_command" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_needs_command" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_needs_command" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_needs_command" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_needs_command" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_needs_command" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_needs_command" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_needs_command" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_needs_command" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_needs_command" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "login" -d 'Store the admin API key for a profile'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "logout" -d 'Forget the profile\'s admin API key and token copy (the service is not changed)'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "push-login" -d 'Store what `token rotate --push entra|okta` needs for a profile'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "whoami" -d 'Show, in one line, the profile and service in use, the admin key and whose it is, and the token\'s state'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "profiles" -d 'List, switch and remove profiles (one per service or tenant)'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "enable" -d 'Turn SCIM on for an IdP, store the token, and show the IdP\'s setup'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "status" -d 'Show the profile, its settings and their sources, and SCIM\'s state on the service'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "token" -d 'Inspect, regenerate and rotate the SCIM token'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "disable" -d 'Turn SCIM off (asks you to type DISABLE)'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "users" -d 'List and inspect users over SCIM (any RFC 7644 server)'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "groups" -d 'List and inspect groups over SCIM (any RFC 7644 server)'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "simulate" -d 'Replay Okta\'s or Entra\'s provisioning traffic and report what would break'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "sandbox" -d 'Run the sandbox: a local service with our admin API and SCIM 2.0, on SQLite'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "help" -d 'Show help for a command, or a topic: exit-codes, environment, files'
complete -c scimctl -n "__fish_scimctl_needs_command" -f -a "generate-files" -d 'Write completions/ and man/ under DIR (for maintainers)'
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -l with-key -d 'Read the key from stdin instead of prompting'
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand login" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand logout" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -l secret-stdin -d 'Read the secret from stdin instead of prompting'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -f -a "entra" -d 'The Entra app registration scimctl signs in with, and the enterprise app to push to'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and not __fish_seen_subcommand_from entra okta" -f -a "okta" -d 'The Okta org and the app whose provisioning connection is read'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l tenant-id -d 'The directory (tenant) id' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l client-id -d 'The app registration\'s application (client) id' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l service-principal-id -d 'The enterprise app\'s Object ID (its service principal)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l job-id -d 'The provisioning job, when the enterprise app has more than one' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -l secret-stdin -d 'Read the secret from stdin instead of prompting'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from entra" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -l org-url -d 'The org\'s URL, e.g. https://acme.okta.com' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -l app-id -d 'The app\'s id (in its Admin Console URL)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -l secret-stdin -d 'Read the secret from stdin instead of prompting'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand push-login; and __fish_seen_subcommand_from okta" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand whoami" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -f -a "list" -d 'List the profiles in the config file; the default one is marked'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -f -a "use" -d 'Make a profile the default (used when neither --profile nor SCIMCTL_PROFILE names one)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and not __fish_seen_subcommand_from list use remove" -f -a "remove" -d 'Remove a profile from the config, and its admin key and token copy from its store'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from use" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l yes -d 'Do not ask'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -l idp -d 'The identity provider that will provision users and groups' -r -f -a "okta\t''
entra\t''
onelogin\t''
other\t''"
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -l print-token -d 'Print the token alone on stdout (for piping into a secret store)'
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand enable" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand status" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -f -a "status" -d 'Show the token\'s age, expiry, use, overlap, local copy, and whether it works'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -f -a "regenerate" -d 'Issue a new SCIM token; the current one stops working at once (or after --overlap)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -f -a "rotate" -d 'Regenerate the token if it expires soon; do nothing otherwise (for CI)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -f -a "revoke-previous" -d 'End the overlap now: the token the last rotation replaced stops working'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and not __fish_seen_subcommand_from status regenerate rotate revoke-previous show" -f -a "show" -d 'Print the stored SCIM token on stdout'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -l warn-within -d 'Exit 6 when the token expires within this window (e.g. 30d, 2w, 12h)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l overlap -d 'Keep the current token valid this long beside the new one (at most 7d)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l settle -d 'With an overlap: how long the IdP must use the new token, and not the old one, before the service revokes the old one for it (default 15m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l push -d 'Put the new token into the IdP: entra (Microsoft Graph) or okta (where Okta has an API for the app; otherwise the paste step is printed, exit 9)' -r -f -a "entra\t'The Entra enterprise app\'s provisioning job, through Microsoft Graph'
okta\t'The Okta app\'s provisioning connection (pushed only where Okta has an API for it; otherwise the exact paste step is printed)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l wait-for-use -d 'Wait until the IdP is seen using the new token, at most this long (exit 10 if it wasn\'t; the previous token stays valid until its overlap ends)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l poll-every -d 'How often --wait-for-use asks the service (default: a twentieth of the wait, between 100ms and 15s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -s y -l yes -d 'Don\'t ask for confirmation (required when there is no terminal)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -l print-token -d 'Print the new token alone on stdout'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from regenerate" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l if-expiring-within -d 'Rotate only when the token expires within this window (e.g. 30d, 2w)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l overlap -d 'Keep the current token valid this long beside the new one (at most 7d)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l settle -d 'With an overlap: how long the IdP must use the new token, and not the old one, before the service revokes the old one for it (default 15m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l push -d 'Put the new token into the IdP: entra (Microsoft Graph) or okta (where Okta has an API for the app; otherwise the paste step is printed, exit 9)' -r -f -a "entra\t'The Entra enterprise app\'s provisioning job, through Microsoft Graph'
okta\t'The Okta app\'s provisioning connection (pushed only where Okta has an API for it; otherwise the exact paste step is printed)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l wait-for-use -d 'Wait until the IdP is seen using the new token, at most this long (exit 10 if it wasn\'t; the previous token stays valid until its overlap ends)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l poll-every -d 'How often --wait-for-use asks the service (default: a twentieth of the wait, between 100ms and 15s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -l print-token -d 'Print the new token (alone on stdout, or in the JSON with -o json)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -s y -l yes -d 'Don\'t ask, even when the IdP was last seen on the previous token'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from revoke-previous" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand token; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -l confirm -d 'Confirm without a prompt; must be exactly DISABLE' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand disable" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -f -a "list" -d 'List users, following pages automatically'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and not __fish_seen_subcommand_from list get" -f -a "get" -d 'Show one user, by id or --user-name'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l filter -d 'SCIM filter (RFC 7644 §3.4.2.2), e.g. \'userName sw "a"\'; checked before any request' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l limit -d 'Stop after N resources' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l page-size -d 'Resources per request (servers may cap it; paging copes)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l sort-by -d 'Sort by this attribute, if the server supports sorting' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l columns -d 'Columns for table, wide and csv output, e.g. id,userName,active' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit the header line of table and csv output'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l token-stdin -d 'Read the SCIM token from stdin (with --url, for any SCIM server)'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l active -d 'Only active users'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -l inactive -d 'Only inactive users'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -l user-name -d 'Find the user by userName instead (case-insensitive on most servers)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -l token-stdin -d 'Read the SCIM token from stdin'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand users; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -f -a "list" -d 'List groups, following pages automatically'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and not __fish_seen_subcommand_from list get" -f -a "get" -d 'Show one group, by id or --name; --members lists who is in it'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l filter -d 'SCIM filter (RFC 7644 §3.4.2.2), e.g. \'userName sw "a"\'; checked before any request' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l limit -d 'Stop after N resources' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l page-size -d 'Resources per request (servers may cap it; paging copes)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l sort-by -d 'Sort by this attribute, if the server supports sorting' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l columns -d 'Columns for table, wide and csv output, e.g. id,userName,active' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit the header line of table and csv output'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -l token-stdin -d 'Read the SCIM token from stdin (with --url, for any SCIM server)'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -l name -d 'Find the group by displayName instead' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -l members -d 'Also list the members, with user names resolved'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -l token-stdin -d 'Read the SCIM token from stdin'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand groups; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l scenario -d 'Run only these scenarios (repeatable)' -r -f -a "connection\t''
users\t''
groups\t''
paging\t''
rules\t''
extended-attributes\t''
discovery\t''
timing\t''
okta-spec\t''
ms-validator\t''"
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l transcript -d 'Write every request and response here, tokens redacted: HAR 1.2 when FILE ends in .har, else HTTP text with a curl line per request (repeatable)' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l cleanup -d 'How to clean up users [default: deactivate for Okta profiles, delete for Entra]' -r -f -a "deactivate\t'Okta\'s way: deactivate the users it created (groups are deleted)'
delete\t'Delete users and groups'"
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l product-rules -d 'Check our service\'s product rules (auto: when the target is our sandbox or service)' -r -f -a "auto\t''
on\t''
off\t''"
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l entitlements -d 'okta-spec: also run Okta\'s Entitlements test on this endpoint (e.g. /Entitlements)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l users -d 'Load mode: how many users to push' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l concurrency -d 'Load mode: concurrent workers' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l rate -d 'Load mode: at most R requests per second in all' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l duration -d 'Load mode: stop after this long (e.g. 30s, 5m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l token-stdin -d 'Read the target\'s token from stdin (else SCIMCTL_TOKEN, else the stored one)'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l keep -d 'Leave what the run created in place'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l dry-run -d 'Print the planned requests without sending anything'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l strict -d 'Treat warnings (what the IdP tolerates but the RFC forbids) as failures'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -l load -d 'Load mode: replay an initial push (match, then create) of --users users'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and not __fish_seen_subcommand_from cleanup" -a "cleanup" -d 'Remove the users and groups a simulate run created (named scimctl-sim-<run id>-…)'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l run-id -d 'The run\'s id: six hex digits, as its report printed it' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l idp -d 'Whose requests to send (Okta deactivates users, Entra deletes them)' -r -f -a "okta\t'Okta, OIN catalog app: PATCH for (de)activation and groups, GET+PUT for profiles'
okta-aiw\t'Okta, App Integration Wizard app: GET+PUT for every change, group PUT'
entra\t'Microsoft Entra ID, default non-gallery `scim` job'
entra-aadopt\t'Microsoft Entra ID with the `aadOptscim062020` flag'
okta-spec\t'Okta\'s published "SCIM 2.0 SPEC Test" (OIN submission), replayed offline'
ms-validator\t'Microsoft\'s SCIM Validator (scimvalidator.microsoft.com), replayed offline'"
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l how -d 'How to remove users [default: deactivate for Okta profiles, delete for Entra]' -r -f -a "deactivate\t'Okta\'s way: deactivate the users it created (groups are deleted)'
delete\t'Delete users and groups'"
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -l token-stdin -d 'Read the target\'s token from stdin (else SCIMCTL_TOKEN, else the stored one)'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand simulate; and __fish_seen_subcommand_from cleanup" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l listen -d 'Address to listen on; port 0 picks a free port. Non-loopback addresses warn' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l db -d 'SQLite database file, or :memory: [default: <data dir>/scimctl/sandbox.db]' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l ready-file -d 'Once serving, write the URLs and admin key here as JSON (mode 0600) [default: <data dir>/scimctl/sandbox.json]' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l sso -d 'State of SAML SSO when the organization is created (first start only)' -r -f -a "off\t''
saml\t''
strict\t''"
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l max-page-size -d 'Largest page a list returns, whatever `count` asks for' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l group-name-limit -d 'Group names must be shorter than N characters (the product rule is 25; 0 lifts the limit, e.g. for generic compliance testers that name groups with UUIDs)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l max-body-size -d 'Largest request body accepted, in bytes (413 past it)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l header-timeout -d 'How long a client may take to send a request\'s headers; also how long an idle keep-alive connection stays open' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l body-timeout -d 'How long a client may take to send a request\'s body (408 past it)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l shutdown-timeout -d 'After SIGTERM or Ctrl-C, how long requests in flight may finish before they are dropped' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l seed-users -d 'Make sure N synthetic users exist (user000001@example.test …), for demos, paging tests and benchmarks; existing ones are kept' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand sandbox" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -l static -d 'A script from the command model alone, which does not call scimctl (no profile names)'
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand help" -s V -l version -d 'Print version'
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -l profile -d 'Profile to use (env SCIMCTL_PROFILE; default: the config\'s default_profile, else "default")' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -l admin-url -d 'Admin API URL of the service (env SCIMCTL_ADMIN_URL; default: the profile\'s)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -l url -d 'SCIM base URL (env SCIMCTL_URL; default: the profile\'s, learned at enable)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -l credential-store -d 'Where secrets are stored (env SCIMCTL_CREDENTIAL_STORE; default: the profile\'s, else keyring)' -r -f -a "keyring\t'The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)'
keyutils\t'The Linux kernel keyring: no daemon needed, but lost on reboot'
file\t'A plain-text file, mode 0600, in the config directory'"
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -s o -l output -d 'Output format' -r -f -a "table\t'Human-readable table (undecorated when stdout is not a terminal)'
wide\t'The table with more columns (externalId, created, last modified)'
json\t'One JSON document (lists: an array)'
ndjson\t'One JSON resource per line, streamed'
csv\t'Comma-separated values with a header'
name\t'Only the ids, one per line'
junit\t'JUnit XML (simulate reports, for CI)'"
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -l timeout -d 'Give up on a request after this long (e.g. 30s, 2m)' -r -f
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -l ca-cert -d 'Also trust this CA certificate (PEM), for services behind a private CA' -r -F
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -l insecure-storage -d 'Same as --credential-store file: a plain-text 0600 file in the config directory'
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback (credentials cross the network unencrypted)'
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -l no-input -d 'Never prompt; fail instead when input would be needed (env SCIMCTL_NO_INPUT=1)'
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -s v -l verbose -d 'Print more about what happens on stderr (-v requests, -vv debug, -vvv trace)'
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -s q -l quiet -d 'Print only data and errors: no status or progress on stderr'
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c scimctl -n "__fish_scimctl_using_subcommand generate-files" -s V -l version -d 'Print version'
