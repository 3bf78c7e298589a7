package io.spillway.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A log4j2 configuration for the broker and Connect JVMs: INFO to stdout, which goes to their log file. */
final class ChildLogging {
    private ChildLogging() {
    }

    static Path writeConfig(Path dir) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders>
                    <Console name="out" target="SYSTEM_OUT">
                      <PatternLayout pattern="%d{ISO8601} %-5p [%t] %c{1.}: %m%n"/>
                    </Console>
                  </Appenders>
                  <Loggers>
                    <Logger name="org.apache.kafka.clients" level="WARN"/>
                    <Logger name="org.apache.kafka.common.config" level="WARN"/>
                    <Logger name="org.apache.kafka.connect.runtime.isolation" level="WARN"/>
                    <Logger name="org.reflections" level="ERROR"/>
                    <Root level="INFO"><AppenderRef ref="out"/></Root>
                  </Loggers>
                </Configuration>
                """;
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("log4j2.xml");
            Files.writeString(file, xml);
            return file;
        } catch (IOException e) {
            throw new DevstackException("cannot write " + dir.resolve("log4j2.xml") + ": " + e.getMessage(), e);
        }
    }
}
