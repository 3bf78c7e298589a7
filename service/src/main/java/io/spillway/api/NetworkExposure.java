package io.spillway.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Safe by default: without an API key the API listens on 127.0.0.1 only, since anyone who reaches it can
 * stop a pipeline or read a configuration. Exposing it without a key takes an explicit setting; a key that
 * is set but blank stops the start (it would otherwise silently mean "no key").
 */
public final class NetworkExposure implements EnvironmentPostProcessor, Ordered {
    static final String EXPOSE = "spillway.expose-without-api-key";
    static final String ENV_KEY = "SPILLWAY_API_KEY";

    private final Log log;

    public NetworkExposure(DeferredLogFactory logs) {
        this.log = logs.getLog(NetworkExposure.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after .env and every other configuration source is in
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (setButBlank(environment)) {
            throw new IllegalStateException(ENV_KEY + " is set but blank: set it to a real key, or unset it to run"
                    + " without one (the API then listens on 127.0.0.1 only)");
        }
        String key = environment.getProperty("spillway.api-key");
        if (key != null && !key.isBlank()) {
            return;
        }
        boolean expose = environment.getProperty(EXPOSE, Boolean.class, false);
        String address = environment.getProperty("server.address");
        if (expose) {
            log.warn("API exposed on " + (address == null ? "every interface" : address) + " WITHOUT an API key ("
                    + EXPOSE + "=true): anyone who reaches it can change pipelines; set " + ENV_KEY + " instead");
            return;
        }
        if (address != null && !isLoopback(address)) {
            throw new IllegalStateException("server.address=" + address + " exposes the API without an API key:"
                    + " set " + ENV_KEY + ", or set " + EXPOSE + "=true to expose it without one");
        }
        if (address == null) {
            environment.getPropertySources().addLast(new MapPropertySource("spillway-loopback-without-api-key",
                    Map.of("server.address", "127.0.0.1")));
        }
        log.info("API listening on " + (address == null ? "127.0.0.1" : address) + " only (no " + ENV_KEY + "); set " + ENV_KEY
                + " to reach it from other machines, or " + EXPOSE.toUpperCase().replace('.', '_').replace('-', '_')
                + "=true to expose it without a key");
    }

    /**
     * True when a source sets the key to spaces or nothing ({@code SPILLWAY_API_KEY=}); application.yml's own
     * {@code ${SPILLWAY_API_KEY:}} fallback, which means "no key", does not count.
     */
    private static boolean setButBlank(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source.getName().contains("application.yml") || source.getName().equals("configurationProperties")) {
                continue;
            }
            for (String name : List.of(ENV_KEY, "spillway.api-key")) {
                if (source.getProperty(name) instanceof String value && value.isBlank()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
