package io.spillway.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final String OLD = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String JSON = "{\"connection_id\":\"wh\",\"password\":\"s3cret-pw\"}";

    @Test
    void sealedValuesHoldNoPlaintextAndOpenToTheSameJson() {
        SecretBox box = new SecretBox(NEW, null);
        String sealed = box.seal("wh", JSON);
        assertThat(sealed).startsWith(SecretBox.PREFIX).doesNotContain("s3cret-pw").doesNotContain("password");
        assertThat(box.seal("wh", JSON)).as("a fresh IV each time").isNotEqualTo(sealed);
        assertThat(box.open("wh", sealed)).isEqualTo(JSON);
        assertThat(box.needsReseal(sealed)).isFalse();
    }

    @Test
    void aValueStoredInClearIsReadAndMarkedForResealingOnceAKeyIsSet() {
        assertThat(new SecretBox(null, null).seal("wh", JSON)).isEqualTo(JSON);
        SecretBox box = new SecretBox(NEW, "");
        assertThat(box.open("wh", JSON)).isEqualTo(JSON);
        assertThat(box.needsReseal(JSON)).isTrue();
    }

    @Test
    void rotationThePreviousKeyOpensWhatItSealedAndMarksItForResealing() {
        String underOld = new SecretBox(OLD, null).seal("wh", JSON);
        SecretBox rotating = new SecretBox(NEW, OLD);
        assertThat(rotating.open("wh", underOld)).isEqualTo(JSON);
        assertThat(rotating.needsReseal(underOld)).isTrue();

        assertThatThrownBy(() -> new SecretBox(NEW, null).open("wh", underOld))
                .hasMessageContaining("SPILLWAY_SECRET_KEY_PREVIOUS").hasMessageNotContaining("s3cret");
    }

    @Test
    void aValueMovedToAnotherIdOrAlteredDoesNotOpen() {
        SecretBox box = new SecretBox(NEW, null);
        String sealed = box.seal("wh", JSON);
        assertThatThrownBy(() -> box.open("other", sealed)).hasMessageContaining("does not decrypt");
        String altered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> box.open("wh", altered)).hasMessageContaining("does not decrypt");
    }

    @Test
    void aBadKeySaysHowToMakeOne() {
        assertThatThrownBy(() -> new SecretBox("not base64!", null)).hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[7]), null))
                .hasMessageContaining("16, 24 or 32 bytes");
    }
}
