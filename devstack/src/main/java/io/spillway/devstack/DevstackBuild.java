package io.spillway.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What the Maven build left for the devstack: the child JVMs' classpath and the Connect plugins. */
public final class DevstackBuild {
    private DevstackBuild() {
    }

    /** Classpath of the broker and Connect child JVMs: this module's code plus its resolved runtime jars. */
    public static String childClasspath() {
        String jars = resource("devstack-child-classpath.txt").trim();
        return ownCodeLocation() + java.io.File.pathSeparator + jars;
    }

    public static Path connectPluginsDir() {
        Properties properties = new Properties();
        try (InputStream in = DevstackBuild.class.getResourceAsStream("/devstack-build.properties")) {
            if (in == null) {
                throw missingBuild("devstack-build.properties");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new DevstackException("cannot read devstack-build.properties: " + e.getMessage(), e);
        }
        Path dir = Path.of(properties.getProperty("connect.plugins.dir"));
        if (!Files.isDirectory(dir)) {
            throw missingBuild(dir.toString());
        }
        return dir;
    }

    private static String resource(String name) {
        try (InputStream in = DevstackBuild.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw missingBuild(name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DevstackException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    static String ownCodeLocation() {
        try {
            return Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new DevstackException("cannot locate the devstack's own classes", e);
        }
    }

    private static DevstackException missingBuild(String what) {
        return new DevstackException(what + " is missing: build the devstack first with "
                + "'./mvnw -pl devstack -am package -DskipTests'");
    }
}
