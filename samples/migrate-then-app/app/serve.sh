#!/bin/sh
# The app refuses to start on a schema it does not know, then serves its status page.
set -eu
version=$(cat /data/schema_version)
[ "$version" = "$SCHEMA_VERSION" ] || { echo "schema $version, expected $SCHEMA_VERSION" >&2; exit 1; }
mkdir -p /srv/www
{ echo "schema version $version"; cat /data/migrations.log; } > /srv/www/index.html
echo "serving on :8080"
exec httpd -f -p 8080 -h /srv/www
