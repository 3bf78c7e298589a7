#!/bin/sh
# Runs once, on an empty data directory (the postgres image's /docker-entrypoint-initdb.d): the replication
# role Debezium connects as, with the grants the seed gives it. The password comes from the environment.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=password="$DEBEZIUM_PASSWORD" --set=db="$POSTGRES_DB" <<'SQL'
CREATE ROLE debezium LOGIN REPLICATION PASSWORD :'password';
GRANT USAGE, CREATE ON SCHEMA public TO debezium;
GRANT CREATE ON DATABASE :"db" TO debezium;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO debezium;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO debezium;
SQL
