package io.spillway.console;

import io.spillway.api.ApiException;
import org.springframework.http.HttpStatus;

/** 403: a console request that does not prove it came from the console page (cross-site request forgery). */
public final class CrossSiteRefused extends ApiException {
    public static final String DETAIL = "refused: a request signed in by the console's cookie must come from the "
            + "console page (header 'X-Requested-With: spillway-console', same origin); API clients send the key "
            + "as 'X-API-Key' instead";

    public CrossSiteRefused() {
        super(HttpStatus.FORBIDDEN, DETAIL);
    }
}
