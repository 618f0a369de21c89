package io.wadesk.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The masking corpus: French and English sentences a customer or an agent could write, each with the contact's known
 * name and the text the library must show. A sentence with nothing personal must come out unchanged.
 */
class PersonalDataMaskerTests {

    private final PersonalDataMasker masker = new PersonalDataMasker(List.of());

    @ParameterizedTest(name = "{1}")
    @CsvFileSource(resources = "/library/masking-corpus.psv", delimiter = '|', numLinesToSkip = 1)
    void masksTheCorpus(String knownName, String sentence, String expected) {
        assertThat(masker.mask(sentence, List.of(knownName))).isEqualTo(expected);
    }

    @Test
    void appliesTheAdminsPatternsAfterTheBuiltInOnes() {
        PersonalDataMasker withClientNumbers = new PersonalDataMasker(List.of(Pattern.compile("CLI-\\d{6}")));

        assertThat(withClientNumbers.mask("Mon numéro client est CLI-004217, merci.", List.of()))
                .isEqualTo("Mon numéro client est [HIDDEN], merci.");
        assertThat(masker.mask("Mon numéro client est CLI-004217, merci.", List.of()))
                .isEqualTo("Mon numéro client est CLI-004217, merci.");
    }
}
