#!/usr/bin/env bash
# Runs the keychain tests against a real gnome-keyring on a private D-Bus session bus, with a
# throw-away HOME so the developer's own keyrings are never touched. Any failure to bring the
# keyring up is an error: this script never skips.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

fail() {
  echo "keychain: $*" >&2
  exit 1
}

if [ "${1:-}" != "--inside-session" ]; then
  for tool in dbus-run-session gnome-keyring-daemon node; do
    command -v "$tool" >/dev/null 2>&1 ||
      fail "'$tool' is not installed (Debian/Ubuntu: apt-get install dbus gnome-keyring libsecret-1-0)"
  done

  scratch="$(mktemp -d "${TMPDIR:-/tmp}/ami-atlas-keychain.XXXXXX")"
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/home" "$scratch/data" "$scratch/config" "$scratch/cache" "$scratch/runtime"
  chmod 700 "$scratch/runtime"

  # A clean environment for the session: fresh keyring directory, no inherited bus address.
  export HOME="$scratch/home" \
    XDG_DATA_HOME="$scratch/data" \
    XDG_CONFIG_HOME="$scratch/config" \
    XDG_CACHE_HOME="$scratch/cache" \
    XDG_RUNTIME_DIR="$scratch/runtime"
  unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL

  # dbus-run-session tears the bus (and the keyring daemon that lives on it) down on exit.
  # Its status is the script's status. In containers dbus-daemon prints a harmless notice that
  # it may not raise its fd limit; that one line is filtered out of stderr.
  set +e
  { dbus-run-session -- bash "${BASH_SOURCE[0]}" --inside-session 2>&1 1>&3 3>&- |
    grep -v --line-buffered 'Failed to set fd limit' >&2; } 3>&1
  status=${PIPESTATUS[0]}
  set -e
  exit "$status"
fi

# ---- inside the private session bus ----
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || fail "no D-Bus session bus was started"

# --unlock reads the login password on stdin; on a fresh HOME it creates the "login" keyring
# with that password and unlocks it. gnome-keyring makes "login" the default collection,
# which is where libsecret (and so keytar) stores new items.
keyring_password="ami-atlas-test-$$-$RANDOM"
daemon_env="$(printf '%s' "$keyring_password" | gnome-keyring-daemon --unlock --components=secrets)" ||
  fail "gnome-keyring-daemon --unlock failed"
# Export whatever the daemon announces (GNOME_KEYRING_CONTROL on some versions).
while IFS='=' read -r name value; do
  [ -n "$name" ] && export "$name=$value"
done <<<"$daemon_env"

secrets_call() {
  local path="$1"
  shift
  gdbus call --session --dest org.freedesktop.secrets --object-path "$path" "$@"
}

# Wait for the Secret Service to appear on the bus (the daemon forks before it registers).
for _ in $(seq 1 50); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  sleep 0.1
done
dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
  org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' ||
  fail "gnome-keyring-daemon did not register org.freedesktop.secrets on the session bus"

if command -v gdbus >/dev/null 2>&1; then
  login='/org/freedesktop/secrets/collection/login'
  default_alias="$(secrets_call /org/freedesktop/secrets --method org.freedesktop.Secret.Service.ReadAlias default)" ||
    fail "could not ask the Secret Service for its default collection"
  if ! grep -q "'$login'" <<<"$default_alias"; then
    # An older daemon may create "login" without pointing the default alias at it.
    secrets_call /org/freedesktop/secrets --method org.freedesktop.Secret.Service.SetAlias default "$login" >/dev/null ||
      fail "could not make the login keyring the default collection (ReadAlias said: $default_alias)"
  fi
  locked="$(secrets_call "$login" --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked)" ||
    fail "the login keyring does not exist"
  grep -q 'false' <<<"$locked" || fail "the login keyring is still locked ($locked)"
  echo "keychain: gnome-keyring $(gnome-keyring-daemon --version 2>/dev/null | head -n1 | awk '{print $2}') running, login keyring unlocked and default"
else
  echo "keychain: gdbus not installed; checking the keyring through keytar only"
fi

cd "$repo_root"

# End-to-end check outside the test runner, so a broken keyring is reported as such rather
# than as a test failure.
node -e '
const keytar = require("keytar");
const account = "keychain-preflight-" + process.pid;
(async () => {
  await keytar.setPassword("AMI Atlas preflight", account, "ok");
  const value = await keytar.getPassword("AMI Atlas preflight", account);
  await keytar.deletePassword("AMI Atlas preflight", account);
  if (value !== "ok") throw new Error("read back " + JSON.stringify(value));
})().catch((e) => { console.error("keychain: keytar cannot use the keyring: " + e.message); process.exit(1); });
' || fail "keytar preflight failed"

exec npx vitest run --project keychain
