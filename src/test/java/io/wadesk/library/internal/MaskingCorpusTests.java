package io.wadesk.library.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thresholds of issue 16, point 10, on the labelled corpus of {@code src/test/resources/masking/} (see
 * {@link MaskingScore} for the measures): at least 95 % of the personal items masked and 90 % of the other words kept,
 * on the part the masker was tuned on, on the held-out part, and on both.
 */
class MaskingCorpusTests {

    private static Function<MaskingCorpus.Message, String> masker;

    @BeforeAll
    static void masker() {
        PersonalDataMasker personalData = new PersonalDataMasker(List.of());
        masker = message -> personalData.mask(message.text(), MaskingBenchmark.context(message));
    }

    @Test
    void theCorpusHasAtLeast300MessagesAndAHeldOutPartWithEveryKind() {
        List<MaskingCorpus.Message> tuned = MaskingCorpus.load(MaskingCorpus.TUNED);
        List<MaskingCorpus.Message> heldOut = MaskingCorpus.load(MaskingCorpus.HELD_OUT);

        assertThat(tuned.size() + heldOut.size()).isGreaterThanOrEqualTo(300);
        assertThat(heldOut.size()).isGreaterThanOrEqualTo(100);
        for (String kind : MaskingCorpus.KINDS) {
            assertThat(heldOut.stream()
                            .flatMap(m -> m.items().stream())
                            .filter(i -> i.kind().equals(kind)))
                    .as("held-out items of kind " + kind)
                    .isNotEmpty();
        }
    }

    @Test
    void masksAtLeast95PercentOfThePersonalItemsAndKeeps90PercentOfTheOtherWords() {
        for (String[] part :
                List.of(new String[] {MaskingCorpus.TUNED}, new String[] {MaskingCorpus.HELD_OUT}, new String[] {
                    MaskingCorpus.TUNED, MaskingCorpus.HELD_OUT
                })) {
            MaskingScore score = MaskingBenchmark.score(masker, part);

            assertThat(score.recall())
                    .as("recall on %s%n%s", List.of(part), score.table())
                    .isGreaterThanOrEqualTo(0.95);
            assertThat(score.kept())
                    .as("kept on %s%n%s", List.of(part), score.table())
                    .isGreaterThanOrEqualTo(0.90);
        }
    }

    @Test
    void theScoreCountsAMissAndAWordMaskedForNothing() {
        MaskingCorpus.Message message = MaskingCorpus.parse(
                        "- | - | Je suis [[NAME:Zoé]], commande 4821, tel [[PHONE:06 12 34 56 78]]")
                .get(0);
        MaskingScore score = new MaskingScore();

        score.add(message, "Je suis Zoé, commande [PHONE], tel [PHONE]");

        assertThat(score.recall()).isEqualTo(0.5);
        assertThat(score.precision()).isEqualTo(0.5);
        assertThat(score.kept()).as("Je suis commande 4821 tel: 4821 masked").isEqualTo(4.0 / 5);
    }
}
