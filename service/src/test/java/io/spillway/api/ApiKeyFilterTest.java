package io.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.spillway.config.SpillwayProperties;
import io.spillway.console.ConsoleSessionCookie;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiKeyFilterTest {
    private static final String KEY = "k-123456";

    /** Mocked rather than constructed, so new settings in the record do not break this test. */
    private static ApiKeyFilter filter(String key) {
        SpillwayProperties properties = mock(SpillwayProperties.class);
        when(properties.apiKey()).thenReturn(key);
        when(properties.apiKeyRequired()).thenReturn(key != null && !key.isBlank());
        return new ApiKeyFilter(properties);
    }

    private static MockHttpServletResponse run(ApiKeyFilter filter, MockHttpServletRequest request,
            MockFilterChain chain) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        return request;
    }

    @Test
    void withoutAConfiguredKeyEverythingPasses() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = run(filter(""), request("/connection/list"), chain);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void missingKeyIs401ProblemSayingHowToSendIt() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = run(filter(KEY), request("/connection/list"), chain);
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.getContentAsString()).contains("\"status\":401").contains("X-API-Key")
                .contains("Authorization: Bearer").doesNotContain(KEY);
    }

    @Test
    void wrongKeyIs401AndNeverEchoesEitherKey() throws Exception {
        MockHttpServletRequest request = request("/connection/list");
        request.addHeader("X-API-Key", "guess-999");
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = run(filter(KEY), request, chain);
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("wrong").doesNotContain(KEY).doesNotContain("guess-999");
    }

    @Test
    void rightKeyPassesAsHeaderOrBearer() throws Exception {
        MockHttpServletRequest header = request("/connection/list");
        header.addHeader("X-API-Key", KEY);
        MockFilterChain first = new MockFilterChain();
        run(filter(KEY), header, first);
        assertThat(first.getRequest()).isNotNull();

        MockHttpServletRequest bearer = request("/topic/list");
        bearer.addHeader("Authorization", "bearer " + KEY);
        MockFilterChain second = new MockFilterChain();
        run(filter(KEY), bearer, second);
        assertThat(second.getRequest()).isNotNull();
    }

    @Test
    void otherAuthorizationSchemesDoNotCount() throws Exception {
        MockHttpServletRequest basic = request("/connection/list");
        basic.addHeader("Authorization", "Basic " + KEY);
        MockFilterChain chain = new MockFilterChain();
        assertThat(run(filter(KEY), basic, chain).getStatus()).isEqualTo(401);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void healthDocsAndProbesAreOpen() throws Exception {
        for (String path : new String[] {"/", "/health", "/health/kafka", "/docs", "/docs/swagger-ui/index.html",
                "/openapi.json", "/openapi.json/swagger-config", "/actuator/health/readiness", "/console/app.js",
                "/console/session"}) {
            MockFilterChain chain = new MockFilterChain();
            run(filter(KEY), request(path), chain);
            assertThat(chain.getRequest()).as(path).isNotNull();
        }
    }

    @Test
    void lookalikesOfOpenPathsAndMetricsNeedTheKey() throws Exception {
        for (String path : new String[] {"/healthcheck", "/docs-private", "/openapi.json.bak",
                "/actuator/prometheus", "/actuator/healthdump"}) {
            MockFilterChain chain = new MockFilterChain();
            assertThat(run(filter(KEY), request(path), chain).getStatus()).as(path).isEqualTo(401);
        }
    }

    @Test
    void dotSegmentsCannotSmuggleAProtectedPathPastTheCheck() throws Exception {
        // The container resolves "/health/../connection/list" to the servlet path "/connection/list"
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/health/../connection/list");
        request.setServletPath("/connection/list");
        MockFilterChain chain = new MockFilterChain();
        assertThat(run(filter(KEY), request, chain).getStatus()).isEqualTo(401);
    }

    @Test
    void comparisonIsExact() {
        assertThat(ApiKeyFilter.matches(KEY, KEY)).isTrue();
        assertThat(ApiKeyFilter.matches(KEY + "x", KEY)).isFalse();
        assertThat(ApiKeyFilter.matches("", KEY)).isFalse();
    }

    private static MockHttpServletRequest withConsoleCookie(String method, String path, String cookieKey) {
        MockHttpServletRequest request = request(path);
        request.setMethod(method);
        request.setCookies(new Cookie(ConsoleSessionCookie.NAME, ConsoleSessionCookie.token(cookieKey)));
        return request;
    }

    @Test
    void theConsoleCookieAuthenticatesReadsAndConsoleSentChanges() throws Exception {
        MockFilterChain read = new MockFilterChain();
        assertThat(run(filter(KEY), withConsoleCookie("GET", "/connection/list", KEY), read).getStatus()).isEqualTo(200);
        assertThat(read.getRequest()).isNotNull();

        MockHttpServletRequest change = withConsoleCookie("POST", "/consumer/trigger", KEY);
        change.addHeader("X-Requested-With", "spillway-console");
        change.addHeader("Sec-Fetch-Site", "same-origin");
        MockFilterChain chain = new MockFilterChain();
        assertThat(run(filter(KEY), change, chain).getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(ConsoleSessionCookie.token(KEY)).doesNotContain(KEY);
    }

    @Test
    void aCookieAuthenticatedChangeWithoutTheConsoleHeaderOrFromAnotherSiteIs403() throws Exception {
        MockHttpServletRequest noHeader = withConsoleCookie("DELETE", "/connection/delete", KEY);
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse refused = run(filter(KEY), noHeader, chain);
        assertThat(chain.getRequest()).isNull();
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("X-Requested-With").doesNotContain(KEY);

        MockHttpServletRequest crossSite = withConsoleCookie("POST", "/consumer/stop", KEY);
        crossSite.addHeader("X-Requested-With", "spillway-console");
        crossSite.addHeader("Sec-Fetch-Site", "cross-site");
        MockFilterChain crossChain = new MockFilterChain();
        assertThat(run(filter(KEY), crossSite, crossChain).getStatus()).isEqualTo(403);
        assertThat(crossChain.getRequest()).isNull();
    }

    @Test
    void aCookieMadeForAnotherKeyIs401() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = run(filter(KEY), withConsoleCookie("GET", "/connection/list", "old-key"),
                chain);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(chain.getRequest()).isNull();
    }
}
