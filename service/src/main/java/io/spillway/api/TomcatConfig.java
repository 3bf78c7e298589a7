package io.spillway.api;

import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What Tomcat does with requests before they reach Spring: each case answers a problem document. */
@Configuration(proxyBeanMethods = false)
public class TomcatConfig {
    /**
     * Lets an encoded slash ({@code %2F}) in a path reach the controllers, which reject such a name with a
     * problem response saying why. Tomcat's default rejects it itself, with an HTML page no client can parse.
     * The slash stays encoded while routing, so it can never select another endpoint.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> encodedSlashesReachValidation() {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    /** Requests Tomcat refuses itself (an encoded NUL in the path, say) get a problem document, not HTML. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> containerErrorsAsProblems() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
