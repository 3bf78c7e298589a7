package io.spillway.console;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's console at {@code /} for browsers: they ask for text/html first, so this mapping wins over
 * {@code RootController}'s JSON, which clients asking for JSON (or anything, as curl does) keep getting.
 * The page's scripts and styles are static resources under {@code /console/}.
 */
@RestController
@Hidden
public class ConsoleController {
    private static final Resource PAGE = new ClassPathResource("static/console/index.html");

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> console() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).body(PAGE);
    }
}
