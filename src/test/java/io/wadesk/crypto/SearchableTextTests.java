package io.wadesk.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchableTextTests {

    @Test
    void wordsAreLowerCaseWithoutAccentsSplitOnAnythingButLettersAndDigitsAndDistinct() {
        assertThat(SearchableText.words("Élodie a reçu sa COMMANDE n°4821 — élodie, ÉLODIE! 😞"))
                .containsExactly("elodie", "a", "recu", "sa", "commande", "n", "4821");
    }

    @Test
    void lettersThatDoNotDecomposeAreFoldedAsPeopleTypeThem() {
        assertThat(SearchableText.words("Cœur Straße Ærø")).containsExactly("coeur", "strasse", "aero");
    }

    @Test
    void noTextHasNoWords() {
        assertThat(SearchableText.words(null)).isEmpty();
        assertThat(SearchableText.words(" ,;! 😀 ")).isEmpty();
    }

    @Test
    void everyWayOfWritingOneFrenchMobileGivesTheSameE164Digits() {
        assertThat(SearchableText.phoneDigits("+33 6 12 34 56 78", "33")).isEqualTo("33612345678");
        assertThat(SearchableText.phoneDigits("0033612345678", "33")).isEqualTo("33612345678");
        assertThat(SearchableText.phoneDigits("33612345678", "33")).isEqualTo("33612345678");
        assertThat(SearchableText.phoneDigits("+33 (0)6.12.34.56.78", "33")).isEqualTo("33612345678");
        assertThat(SearchableText.phoneDigits("06 12 34 56 78", "33")).isEqualTo("33612345678");
    }

    @Test
    void aNationalNumberNeedsACountryCode() {
        assertThatThrownBy(() -> SearchableText.phoneDigits("06 12 34 56 78", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SearchableText.phoneDigits("+44 20 7946 0018", null)).isEqualTo("442079460018");
    }

    @Test
    void textThatIsNotAPhoneNumberIsRefusedWithoutBeingQuoted() {
        assertThatThrownBy(() -> SearchableText.phoneDigits("call me", "33"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("call me");
        assertThatThrownBy(() -> SearchableText.phoneDigits("+33 6 12 34 56 78 90 12 34", "33"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
