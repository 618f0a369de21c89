package io.wadesk.library.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** The misses an independent review found on a fresh corpus (issue 16, point 10), each masked now. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            C'est au nom de Dupont-Aignan, la commande 99812.      | C'est au nom de [NAME], la commande 99812.
            Please ask for Rebecca at the front desk.               | Please ask for [NAME] at the front desk.
            mon fils Théo passera récupérer le colis samedi         | mon fils [NAME] passera récupérer le colis samedi
            Appelez Julien, c'est mon mari.                         | Appelez [NAME], c'est mon mari.
            Demandez rachid au magasin                              | Demandez [NAME] au magasin
            Bonjour, je m'appelle Stéphane Le Roux et j'habite ici. | Bonjour, je m'appelle [NAME] et j'habite ici.
            bonjour je m appelle hélène bénard                      | bonjour je m appelle [NAME]
            Je suis Anne-Sophie de La Tour, cliente depuis 2019.    | Je suis [NAME], cliente depuis 2019.
            Mon IBAN : FR76 3000 6000 0112 3456 7890 189            | Mon IBAN : [IBAN]
            Remboursez sur be68 5390 0754 7034 svp                  | Remboursez sur [IBAN] svp
            Ship to 1600 Amphitheatre Parkway, Mountain View, CA 94043 | Ship to [ADDRESS], [ADDRESS]
            my zip is 94043 if that helps                           | my zip is [ADDRESS] if that helps
            Commandé le 2024-03-12 à 14:30, montant 89,90 €.        | Commandé le 2024-03-12 à 14:30, montant 89,90 €.
            Livraison prévue le 2024-12-10 entre 8h et 13h.         | Livraison prévue le 2024-12-10 entre 8h et 13h.
            """)
    void masksWhatTheReviewFoundMissed(String sentence, String expected) {
        assertThat(masker.mask(sentence, List.of())).isEqualTo(expected);
    }

    @Test
    void cardNumbersAreProvenByTheirCheckDigitAndOrderNumbersStay() {
        assertThat(masker.mask("ma carte c'est 4526 0181 5908 3012 merci", List.of()))
                .isEqualTo("ma carte c'est [CARD] merci");
        assertThat(masker.mask("Card: 378219935181909 (amex)", List.of())).isEqualTo("Card: [CARD] (amex)");
        assertThat(masker.mask("commande 1234567812345678 annulée ?", List.of()))
                .as("fails the Luhn check")
                .isEqualTo("commande 1234567812345678 annulée ?");
        assertThat(masker.mask("Commande 4000123412341234 expédiée", List.of()))
                .as("passes the Luhn check, but follows the word order")
                .isEqualTo("Commande 4000123412341234 expédiée");
        assertThat(PaymentDetector.luhnValid("4526018159083012")).isTrue();
        assertThat(PaymentDetector.luhnValid("4526018159083013")).isFalse();
        assertThat(PaymentDetector.ibanValid("FR7630006000011234567890189")).isTrue();
        assertThat(PaymentDetector.ibanValid("FR7630006000011234567890188")).isFalse();
    }

    @Test
    void aDateATimeAnAmountOrAReferenceIsNeverAPhone() {
        for (String kept : List.of(
                "Le 2024-03-12 14:30 le colis est parti",
                "payé le 12/03/2024 et livré le 03.12.2024",
                "Votre commande n°20241203-0042 est prête",
                "the order number is 1002003004",
                "total 1 249 000 € TTC",
                "colis 00340434161234567890 en route",
                "suivi 6A12345678901")) {
            assertThat(masker.mask(kept, List.of())).isEqualTo(kept);
        }
        for (String phone : List.of(
                "06 12 34 56 78",
                "+33 6 12 34 56 78",
                "0033 7 11 22 33 44",
                "+33 (0)6 78 90 12 34",
                "+44 20 7946 0958",
                "07700 900123",
                "(555) 123-4567",
                "415-555-0100",
                "+32 475 12 34 56",
                "0478 11 22 33",
                "079 123 45 67",
                "+41 21 345 67 89")) {
            assertThat(masker.mask("Appelez le " + phone + " svp", List.of())).isEqualTo("Appelez le [PHONE] svp");
        }
    }

    @Test
    void usesWhatTheDeskKnowsOfTheConversation() {
        MaskingContext context = MaskingContext.ofNames(List.of("Léa Fontaine"))
                .withStaff(List.of("Camille Roux"))
                .withPhones(List.of("33611223344"));

        assertThat(masker.mask("lea fontaine ici, camille m'a aidée", context))
                .isEqualTo("[NAME] [NAME] ici, [NAME] m'a aidée");
        assertThat(masker.mask("rappelez au 611223344 ou 6-11-22-33-44", context))
                .as("the contact's own number, in any spacing")
                .isEqualTo("rappelez au [PHONE] ou [PHONE]");
        MaskingContext seen = masker.seenIn("écrivez à lea.f@example.fr", context);
        assertThat(seen.emails()).containsExactly("lea.f@example.fr");
    }
}
