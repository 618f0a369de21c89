package io.wadesk.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenHasherTests {

    private final byte[] indexKey = TestKeys.random();
    private final TokenHasher hasher = new TokenHasher(TestKeys.ring(indexKey, "k1", TestKeys.randomBase64()));

    @Test
    void aTokenIsSixteenBytesInHexAndDependsOnTheValue() {
        String token = hasher.token(TokenHasher.Kind.WORD, "amelie");

        assertThat(token).matches(TokenHasher.TOKEN).isEqualTo(hasher.token(TokenHasher.Kind.WORD, "amelie"));
        assertThat(hasher.token(TokenHasher.Kind.WORD, "amelia")).isNotEqualTo(token);
    }

    @Test
    void eachKindOfValueHasItsOwnSubKey() {
        String digits = "33612345678";

        assertThat(hasher.token(TokenHasher.Kind.WORD, digits))
                .isNotEqualTo(hasher.token(TokenHasher.Kind.PHONE, digits))
                .isNotEqualTo(hasher.token(TokenHasher.Kind.IDENTIFIER, digits));
    }

    @Test
    void tokensDependOnTheIndexKey() {
        TokenHasher otherIndexKey = new TokenHasher(TestKeys.ring(TestKeys.random(), "k1", TestKeys.randomBase64()));

        assertThat(otherIndexKey.token(TokenHasher.Kind.WORD, "amelie"))
                .isNotEqualTo(hasher.token(TokenHasher.Kind.WORD, "amelie"));
    }

    @Test
    void tokensDoNotChangeWhenTheKeksRotate() {
        KeyRing rotated = TestKeys.ring(indexKey, "k2", TestKeys.randomBase64(), "k1", TestKeys.randomBase64());

        assertThat(new TokenHasher(rotated).token(TokenHasher.Kind.WORD, "amelie"))
                .isEqualTo(hasher.token(TokenHasher.Kind.WORD, "amelie"));
    }
}
