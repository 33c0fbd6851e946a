#!/bin/sh
# Steps that appliance/Dockerfile runs in more than one stage (the native build and the target-deps
# stage of another architecture), bind-mounted from the context rather than copied into a layer.
#
#   build-steps.sh tools   python3, make and g++ for node-gyp (better-sqlite3), apt lists removed after.
#                          Uses the optional `ca` build secret for https sources.
#   build-steps.sh slim    in /app once the production dependencies are in place: drops what the runtime
#                          never reads (better-sqlite3's sources and objects, type declarations, source
#                          maps, docs), then checks that the native SQLite binding loads.
set -eu
case "${1:-}" in
  tools)
    ca=/run/secrets/ca
    if [ -s "$ca" ]; then set -- -o "Acquire::https::CAInfo=$ca"; else set --; fi
    apt-get "$@" -q update
    DEBIAN_FRONTEND=noninteractive apt-get "$@" -q install -y --no-install-recommends python3 make g++
    rm -rf /var/lib/apt/lists/*
    ;;
  slim)
    mkdir -p server/node_modules
    (cd node_modules/better-sqlite3 && rm -rf deps src build/deps build/Release/obj build/Release/obj.target \
      build/Release/.deps build/Release/test_extension.node build/Release/*.a)
    rm -rf node_modules/@types node_modules/typeorm/browser
    find node_modules server/node_modules -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \
      -o -name '*.map' -o \( -name '*.md' ! -iname 'licen[cs]e*' \) -o -name '*.markdown' \) -delete
    node -e "require('better-sqlite3')(':memory:').prepare('select 1').get()"
    ;;
  *) echo "build-steps.sh: tools or slim" >&2; exit 2 ;;
esac
