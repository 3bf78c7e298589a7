package io.spillway.console;

import io.spillway.api.ApiException;
import io.spillway.api.InvalidRequestException;
import io.spillway.config.SpillwayProperties;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's sign-in: {@code POST /console/session} with the API key sets the HttpOnly, SameSite=Strict
 * session cookie; {@code DELETE} clears it; {@code GET} tells the page whether it must ask for the key.
 * Open without a key (the filter lets {@code /console/} through), so it checks the key itself.
 */
@RestController
@Hidden
public class ConsoleSessionController {
    /** The sign-in form's body; the key is never echoed back. */
    public record SignIn(String apiKey) {
    }

    private final SpillwayProperties properties;

    public ConsoleSessionController(SpillwayProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/console/session")
    Map<String, Object> session(HttpServletRequest request) {
        boolean required = properties.apiKeyRequired();
        return Map.of("key_required", required,
                "signed_in", !required || ConsoleSessionCookie.valid(request, properties.apiKey()));
    }

    @PostMapping("/console/session")
    ResponseEntity<Map<String, Object>> signIn(@RequestBody(required = false) SignIn signIn,
            HttpServletRequest request) {
        requireConsole(request);
        if (!properties.apiKeyRequired()) {
            throw new InvalidRequestException("no API key is set on this service (SPILLWAY_API_KEY): the console "
                    + "needs no sign-in");
        }
        if (signIn == null || signIn.apiKey() == null || signIn.apiKey().isBlank()) {
            throw new InvalidRequestException("api_key is required: enter the value of SPILLWAY_API_KEY");
        }
        if (!MessageDigest.isEqual(signIn.apiKey().trim().getBytes(StandardCharsets.UTF_8),
                properties.apiKey().getBytes(StandardCharsets.UTF_8))) {
            throw new SignInRefused("the API key is wrong: use the value of SPILLWAY_API_KEY the service was "
                    + "started with");
        }
        ResponseCookie cookie = cookie(ConsoleSessionCookie.token(properties.apiKey()), request).build();
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString())
                .body(Map.of("key_required", true, "signed_in", true));
    }

    @DeleteMapping("/console/session")
    ResponseEntity<Void> signOut(HttpServletRequest request) {
        requireConsole(request);
        ResponseCookie expired = cookie("", request).maxAge(0).build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, expired.toString()).build();
    }

    private static ResponseCookie.ResponseCookieBuilder cookie(String value, HttpServletRequest request) {
        // No Max-Age: a session cookie, gone when the browser closes. Secure whenever the page came over TLS.
        return ResponseCookie.from(ConsoleSessionCookie.NAME, value).httpOnly(true).sameSite("Strict").path("/")
                .secure(request.isSecure());
    }

    private static void requireConsole(HttpServletRequest request) {
        if (!ConsoleSessionCookie.fromConsole(request)) {
            throw new CrossSiteRefused();
        }
    }

    /** 401: a wrong key at sign-in. */
    static final class SignInRefused extends ApiException {
        SignInRefused(String detail) {
            super(HttpStatus.UNAUTHORIZED, detail);
        }
    }
}
