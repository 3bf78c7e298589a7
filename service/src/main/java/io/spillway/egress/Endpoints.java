package io.spillway.egress;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.postgresql.Driver;

/** The hosts and ports a connection's URL makes the service connect to, parsed the way its client parses it. */
public final class Endpoints {
    private Endpoints() {
    }

    public static Endpoint ofHttpUrl(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Endpoint(uri.getHost(), port);
    }

    public static Endpoint ofRedisUrl(String url) {
        RedisURI uri = RedisURI.create(url);
        return new Endpoint(uri.getHost(), uri.getPort());
    }

    /** Every host of a (multi-host) PostgreSQL URL, with pgjdbc's own URL parser. */
    public static List<Endpoint> ofJdbcUrl(String jdbcUrl) {
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        if (parsed == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL");
        }
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            String port = i < ports.length && !ports[i].isBlank() ? ports[i] : "5432";
            endpoints.add(new Endpoint(hosts[i], Integer.parseInt(port)));
        }
        return endpoints;
    }
}
