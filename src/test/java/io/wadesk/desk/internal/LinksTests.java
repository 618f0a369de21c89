package io.wadesk.desk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinksTests {

    @Test
    void onlyHttpAndHttpsAddressesBecomeLinksAndTheTextIsKeptWhole() {
        String text = "Voir https://example.com/a?b=1 ou (http://ex.org/x), pas javascript:alert(1) ni"
                + " ftp://files.example.com/f ni data:text/html,<b>x</b>.";

        List<Bubble.Segment> segments = Links.segments(text);

        assertThat(segments.stream().map(Bubble.Segment::text).reduce("", String::concat))
                .isEqualTo(text);
        assertThat(segments.stream().filter(Bubble.Segment::link).map(Bubble.Segment::href))
                .containsExactly("https://example.com/a?b=1", "http://ex.org/x");
    }

    @Test
    void aWwwAddressOpensOverHttpsAndTrailingPunctuationStaysText() {
        List<Bubble.Segment> segments = Links.segments("Sur www.shop.example/p/42.");

        assertThat(segments)
                .containsExactly(
                        new Bubble.Segment("Sur ", null),
                        new Bubble.Segment("www.shop.example/p/42", "https://www.shop.example/p/42"),
                        new Bubble.Segment(".", null));
    }

    @Test
    void aPlaceUrlIsKeptOnlyWhenItIsHttpOrHttps() {
        assertThat(Links.safeUrl(" https://example.com/store ")).isEqualTo("https://example.com/store");
        assertThat(Links.safeUrl("JavaScript:alert(1)")).isNull();
        assertThat(Links.safeUrl(null)).isNull();
    }

    @Test
    void aFailureCodeHasItsOwnTextOrAGeneralOneNamingIt() {
        assertThat(FailureReasons.of(131047).key()).isEqualTo("thread.failure.131047");
        assertThat(FailureReasons.of(131047).args()).containsExactly("131047");
        assertThat(FailureReasons.of(424242).key()).isEqualTo("thread.failure.other");
        assertThat(FailureReasons.of(424242).args()).containsExactly("424242");
        assertThat(FailureReasons.of(null).key()).isEqualTo("thread.failure.none");
    }

    @Test
    void everyExplainedFailureCodeHasItsTextInFrenchAndEnglish() throws Exception {
        for (String bundle : List.of("i18n/thread.properties", "i18n/thread_fr.properties")) {
            java.util.Properties texts = new java.util.Properties();
            try (var in = getClass().getClassLoader().getResourceAsStream(bundle)) {
                texts.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            for (int code : FailureReasons.EXPLAINED) {
                assertThat(texts.getProperty("thread.failure." + code))
                        .as(bundle + " " + code)
                        .contains("{0}");
            }
        }
    }
}
