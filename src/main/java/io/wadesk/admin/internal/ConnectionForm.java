package io.wadesk.admin.internal;

import java.util.List;

/**
 * The WhatsApp connection, in the order the fields are checked. Only the first three are shown back; a blank secret
 * keeps the current one, and secrets are kept as typed (the connection strips them itself).
 */
public record ConnectionForm(
        @WhatsAppField(value = WhatsAppField.Kind.IDS, message = "adminconf.error.phoneNumberIds")
        String phoneNumberIds,

        @WhatsAppField(value = WhatsAppField.Kind.OPTIONAL_ID, message = "adminconf.whatsapp.error.waba")
        String wabaId,

        @WhatsAppField(value = WhatsAppField.Kind.API_VERSION, message = "adminconf.whatsapp.error.version")
        String apiVersion,

        @SecretText(max = 1024, message = "adminconf.whatsapp.error.secret")
        String accessToken,

        @SecretText(max = 256, message = "adminconf.whatsapp.error.secret")
        String verifyToken,

        @SecretText(max = 256, list = true, message = "adminconf.whatsapp.error.secret")
        String appSecrets) {

    public ConnectionForm {
        phoneNumberIds = FormText.stripped(phoneNumberIds);
        wabaId = FormText.stripped(wabaId);
        apiVersion = FormText.stripped(apiVersion);
        accessToken = FormText.orEmpty(accessToken);
        verifyToken = FormText.orEmpty(verifyToken);
        appSecrets = FormText.orEmpty(appSecrets);
    }

    /** The form as the screen first shows it: the settings in force, no secret. */
    public static ConnectionForm shown(List<String> phoneNumberIds, String wabaId, String apiVersion) {
        return new ConnectionForm(String.join(", ", phoneNumberIds), wabaId, apiVersion, "", "", "");
    }

    List<String> numbers() {
        return FormText.items(phoneNumberIds);
    }

    List<String> secrets() {
        return FormText.items(appSecrets);
    }
}
