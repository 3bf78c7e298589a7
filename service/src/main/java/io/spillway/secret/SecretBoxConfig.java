package io.spillway.secret;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's {@link SecretBox}, from SPILLWAY_SECRET_KEY (and SPILLWAY_SECRET_KEY_PREVIOUS while rotating). */
@Configuration(proxyBeanMethods = false)
class SecretBoxConfig {
    private static final Logger log = LoggerFactory.getLogger(SecretBoxConfig.class);

    @Bean
    SecretBox secretBox(@Value("${spillway.secret-key:${SPILLWAY_SECRET_KEY:}}") String key,
            @Value("${spillway.secret-key-previous:${SPILLWAY_SECRET_KEY_PREVIOUS:}}") String previous) {
        SecretBox box = new SecretBox(key, previous);
        if (!box.encrypts()) {
            log.warn("connection secrets are stored in clear in Redis: set SPILLWAY_SECRET_KEY"
                    + " ('openssl rand -base64 32') to encrypt them");
        }
        return box;
    }
}
