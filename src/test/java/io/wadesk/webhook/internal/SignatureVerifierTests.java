package io.wadesk.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.webhook.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureVerifierTests {

    private static final String VECTOR = "sha256=02f411dab9f255af4a3f6d5786b851dd6a51f355f48ad7bb28a2cafddb508c97";

    private final SignatureVerifier verifier = verifier(Fixtures.APP_SECRET);

    @Test
    void theTestVectorOfTheReferenceVerifies() {
        byte[] body = Fixtures.bytes("reaction.json");

        assertThat(body).hasSize(1171);
        assertThat(SignatureVerifier.sign(Fixtures.APP_SECRET, body)).isEqualTo(VECTOR);
        assertThat(verifier.verify(body, VECTOR)).isTrue();
    }

    @Test
    void theSameJsonWithTheEmojiUnescapedDoesNotVerify() {
        String unescaped = new String(Fixtures.bytes("reaction.json"), StandardCharsets.UTF_8)
                .replace("\\ud83d\\udc4d", "\uD83D\uDC4D");

        assertThat(verifier.verify(unescaped.getBytes(StandardCharsets.UTF_8), VECTOR))
                .isFalse();
    }

    @Test
    void oneChangedByteDoesNotVerify() {
        byte[] body = Fixtures.bytes("reaction.json");
        body[500] ^= 1;

        assertThat(verifier.verify(body, VECTOR)).isFalse();
    }

    @Test
    void aMissingOrMalformedHeaderDoesNotVerify() {
        byte[] body = Fixtures.bytes("reaction.json");

        assertThat(verifier.verify(body, null)).isFalse();
        assertThat(verifier.verify(body, "")).isFalse();
        assertThat(verifier.verify(body, VECTOR.substring("sha256=".length()))).isFalse();
        assertThat(verifier.verify(body, "sha1=" + VECTOR.substring("sha256=".length())))
                .isFalse();
        assertThat(verifier.verify(body, VECTOR.substring(0, VECTOR.length() - 2)))
                .isFalse();
        assertThat(verifier.verify(body, VECTOR.replace('f', 'z'))).isFalse();
    }

    @Test
    void theHeaderPrefixAndHexDigitsAreReadWhateverTheirCase() {
        assertThat(verifier.verify(Fixtures.bytes("reaction.json"), VECTOR.toUpperCase()))
                .isTrue();
    }

    @Test
    void anyOfSeveralSecretsVerifiesSoThatASecretCanBeRotated() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        SignatureVerifier rotating = verifier("new-secret", "old-secret");

        assertThat(rotating.verify(body, SignatureVerifier.sign("old-secret", body)))
                .isTrue();
        assertThat(rotating.verify(body, SignatureVerifier.sign("new-secret", body)))
                .isTrue();
        assertThat(rotating.verify(body, SignatureVerifier.sign("another-secret", body)))
                .isFalse();
    }

    @Test
    void withoutAnySecretNothingVerifies() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        SignatureVerifier unconfigured = verifier();

        assertThat(unconfigured.hasSecrets()).isFalse();
        assertThat(unconfigured.verify(body, SignatureVerifier.sign("any", body)))
                .isFalse();
    }

    private static SignatureVerifier verifier(String... secrets) {
        return new SignatureVerifier(new WhatsAppWebhookProperties("token", List.of(secrets)));
    }
}
