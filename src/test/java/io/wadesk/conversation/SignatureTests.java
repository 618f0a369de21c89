package io.wadesk.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignatureTests {

    @Test
    void placeholdersTakeTheAgentsFirstNameAndTheBrand() {
        Signature signature = new Signature("{firstName}, votre conseiller {brand}");

        assertThat(signature.render("Amélie", "Maison Dupont")).isEqualTo("Amélie, votre conseiller Maison Dupont");
    }

    @Test
    void theSignatureGoesOnItsOwnLineAfterTheText() {
        Signature signature = new Signature("{firstName} – {brand}");

        assertThat(signature.sign("Bonjour ! 😊  ", "Bruno", "Acme")).isEqualTo("Bonjour ! 😊\n\nBruno – Acme");
    }

    @Test
    void aTeamWithoutSignatureSendsTheTextAsItIs() {
        assertThat(Signature.none().sign("Hello", "Bruno", "Acme")).isEqualTo("Hello");
        assertThat(new Signature("  ").isEnabled()).isFalse();
    }

    @Test
    void replacementCharactersInNamesAreTakenLiterally() {
        assertThat(new Signature("{firstName}").render("$1 \\o/", "x")).isEqualTo("$1 \\o/");
    }
}
