package io.wadesk.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wadesk.support.IntegrationTest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class BlindIndexTests {

    @Autowired
    BlindIndex index;

    /** A field of its own per test, so that other tests' tokens in the shared database do not match. */
    private final String field = "body-" + UUID.randomUUID();

    private final KeyOwner amelie = KeyOwner.conversation(UUID.randomUUID());
    private final KeyOwner bruno = KeyOwner.conversation(UUID.randomUUID());

    @Test
    void theSameWordWithOrWithoutAccentsOrCapitalsFindsTheSameRows() {
        index.index(amelie, field, index.wordTokens("Amélie a reçu un colis abîmé"));
        index.index(bruno, field, index.wordTokens("AMELIE, le COLIS est arrivé"));

        for (String typed : List.of("amelie", "Amélie", "AMÉLIE", "amélie")) {
            assertThat(index.ownersMatchingAll("conversation", field, index.wordTokens(typed)))
                    .as(typed)
                    .containsExactlyInAnyOrder(amelie, bruno);
        }
        assertThat(index.ownersMatchingAll("conversation", field, index.wordTokens("ABIME")))
                .containsExactly(amelie);
        assertThat(index.ownersMatching("conversation", field, single(index.wordTokens("Reçu"))))
                .containsExactly(amelie);
    }

    @Test
    void matchingAllWordsIsAnAnd() {
        index.index(amelie, field, index.wordTokens("colis abîmé"));
        index.index(bruno, field, index.wordTokens("colis arrivé"));

        assertThat(index.ownersMatchingAll("conversation", field, index.wordTokens("colis arrivé")))
                .containsExactly(bruno);
        assertThat(index.ownersMatchingAll("conversation", field, index.wordTokens("colis perdu")))
                .isEmpty();
        assertThat(index.ownersMatchingAll("conversation", field, Set.of())).isEmpty();
    }

    @Test
    void aPhoneWrittenTwoWaysHasOneToken() {
        assertThat(index.phoneToken("+33 6 12 34 56 78")).isEqualTo(index.phoneToken("0033612345678"));
        assertThat(index.phoneToken("+33 6 12 34 56 78")).isEqualTo(index.phoneToken("06 12 34 56 78"));
        assertThat(index.phoneToken("+33 6 12 34 56 78")).isNotEqualTo(index.phoneToken("+33 6 12 34 56 79"));
    }

    @Test
    void aContactIsFoundByItsPhoneHoweverItIsWritten() {
        KeyOwner contact = KeyOwner.contact(UUID.randomUUID());
        index.index(contact, field, Set.of(index.phoneToken("+33 6 12 34 56 78")));

        assertThat(index.ownersMatching("contact", field, index.phoneToken("0033612345678")))
                .containsExactly(contact);
    }

    @Test
    void identifiersHaveTokensOfTheirOwn() {
        KeyOwner contact = KeyOwner.contact(UUID.randomUUID());
        index.index(contact, field, Set.of(index.token("33612345678")));

        assertThat(index.ownersMatching("contact", field, index.token("33612345678")))
                .containsExactly(contact);
        assertThat(index.ownersMatching("contact", field, index.phoneToken("+33612345678")))
                .isEmpty();
    }

    @Test
    void tokensAreScopedToTheOwnerKindAndTheField() {
        KeyOwner contact = KeyOwner.contact(UUID.randomUUID());
        index.index(contact, field, index.wordTokens("Dupont"));

        String dupont = single(index.wordTokens("dupont"));
        assertThat(index.ownersMatching("conversation", field, dupont)).isEmpty();
        assertThat(index.ownersMatching("contact", field + "-other", dupont)).isEmpty();
        assertThat(index.ownersMatching("contact", field, dupont)).containsExactly(contact);
    }

    @Test
    void indexingTwiceKeepsOneToken() {
        index.index(amelie, field, index.wordTokens("bonjour"));
        index.index(amelie, field, index.wordTokens("Bonjour bonjour"));

        assertThat(index.ownersMatching("conversation", field, single(index.wordTokens("bonjour"))))
                .containsExactly(amelie);
    }

    @Test
    void onlyTokensCanBeIndexedNeverPlainWords() {
        assertThatThrownBy(() -> index.index(amelie, field, List.of("amelie")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("amelie");
    }

    private static String single(Set<String> tokens) {
        assertThat(tokens).hasSize(1);
        return tokens.iterator().next();
    }
}
