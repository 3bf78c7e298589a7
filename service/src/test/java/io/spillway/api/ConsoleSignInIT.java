package io.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.console.ConsoleSessionCookie;
import io.spillway.support.Api;
import io.spillway.support.Browser;
import io.spillway.support.StackIT;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.springframework.test.context.TestPropertySource;

/**
 * The console with an API key set, in headless Chromium: it asks for the key once, the service answers with
 * an HttpOnly, SameSite=Strict session cookie the page's scripts cannot read, and a request carrying that
 * cookie but not the console's header (what a cross-site form would send) is refused. Same properties as
 * {@link ApiKeyIT}, so it shares that Spring context instead of starting a third one.
 */
@TestPropertySource(properties = {"spillway.api-key=" + ApiKeyIT.KEY,
        "spillway.secret-key=" + ApiKeyIT.SECRET_KEY, "spillway.consumer.max-per-instance=2"})
class ConsoleSignInIT extends StackIT {

    @Test
    void theConsoleSignsInWithTheKeyIntoAnHttpOnlyStrictCookieThatCrossSiteRequestsCannotUse() {
        try (Browser browser = Browser.start()) {
            browser.open("http://localhost:" + port + "/");
            browser.find("#api-key").sendKeys("not-the-key");
            browser.clickButton("Sign in");
            assertThat(browser.awaitText("main .status.failed", "✗")).contains("the API key is wrong")
                    .doesNotContain(ApiKeyIT.KEY);

            browser.find("#api-key").sendKeys(ApiKeyIT.KEY);
            browser.clickButton("Sign in");
            browser.awaitText("main h2", "Overview");
            browser.awaitText("#overview-pipelines", "Consumer");

            Cookie cookie = browser.driver().manage().getCookieNamed(ConsoleSessionCookie.NAME);
            assertThat(cookie).isNotNull();
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
            assertThat(cookie.getExpiry()).as("a session cookie").isNull();
            assertThat(cookie.getValue()).doesNotContain(ApiKeyIT.KEY);
            Object visibleToScripts = browser.script("return document.cookie + '|' "
                    + "+ JSON.stringify(localStorage) + '|' + JSON.stringify(sessionStorage)");
            assertThat(visibleToScripts.toString()).doesNotContain(ConsoleSessionCookie.NAME)
                    .doesNotContain(ApiKeyIT.KEY).doesNotContain(cookie.getValue());

            Api withCookie = api().header("Cookie", ConsoleSessionCookie.NAME + "=" + cookie.getValue());
            assertThat(withCookie.get("/connection/list").status()).as("a read with the cookie").isEqualTo(200);
            Api.Response forged = withCookie.post("/consumer/stop?consumer_id=anything", null);
            assertThat(forged.status()).as("a change with the cookie alone, as a cross-site form sends it")
                    .isEqualTo(403);
            assertThat(forged.body()).contains("X-Requested-With");
            Api.Response crossSite = api().header("Cookie", ConsoleSessionCookie.NAME + "=" + cookie.getValue())
                    .header("X-Requested-With", "spillway-console").header("Sec-Fetch-Site", "cross-site")
                    .post("/consumer/stop?consumer_id=anything", null);
            assertThat(crossSite.status()).isEqualTo(403);
            Api.Response fromConsole = api().header("Cookie", ConsoleSessionCookie.NAME + "=" + cookie.getValue())
                    .header("X-Requested-With", "spillway-console").post("/consumer/stop?consumer_id=anything", null);
            assertThat(fromConsole.status()).as("the console's own request gets through to the API").isEqualTo(404);

            browser.clickButton("Sign out");
            browser.find("#api-key");
            assertThat(browser.driver().manage().getCookieNamed(ConsoleSessionCookie.NAME)).isNull();
            assertThat(browser.driver().findElements(By.cssSelector("#overview-pipelines"))).isEmpty();
        }
    }
}
