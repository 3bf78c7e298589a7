package io.spillway.debezium;

/**
 * The seed's curl example pointed at the devstack, with a slot, publication and topic prefix of its own
 * per connector name, so tests never collide and never write into another test's topics.
 */
final class SeedConnector {
    private SeedConnector() {
    }

    static String slot(String name) {
        return "slot_" + name.replace('-', '_');
    }

    static String publication(String name) {
        return "pub_" + name.replace('-', '_');
    }

    static String request(String name, int postgresPort, String user, String password) {
        String suffix = name.replace('-', '_');
        return """
                {"name": "%s",
                 "config": {
                   "connector_class": "io.debezium.connector.postgresql.PostgresConnector",
                   "tasks_max": "1",
                   "database_hostname": "localhost",
                   "database_port": "%d",
                   "database_user": "%s",
                   "database_password": "%s",
                   "database_dbname": "mydatabase",
                   "topic_prefix": "it_%s",
                   "schema_include_list": "public",
                   "publication_autocreate_mode": "filtered",
                   "publication_name": "%s",
                   "slot_name": "%s",
                   "table_include_list": "public.person12",
                   "plugin_name": "pgoutput",
                   "snapshot_mode": "initial"
                 }}""".formatted(name, postgresPort, user, password, suffix, publication(name), slot(name));
    }
}
