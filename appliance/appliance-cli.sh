#!/bin/sh
# `docker exec <container> appliance <command>`: the recovery CLI, always run as the `appliance` user so
# nothing it writes under /data becomes root's.
set -eu
if [ "$(id -u)" = 0 ]; then
  exec setpriv --reuid=appliance --regid=appliance --init-groups --no-new-privs -- node /app/server/dist/cli/main.js "$@"
fi
exec node /app/server/dist/cli/main.js "$@"
