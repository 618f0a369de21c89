package io.wadesk.whatsapp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.support.IntegrationTest;
import io.wadesk.support.MutableClock;
import io.wadesk.whatsapp.ApprovedTemplates;
import io.wadesk.whatsapp.CloudApiException;
import io.wadesk.whatsapp.CloudApiProperties;
import io.wadesk.whatsapp.TemplateSync;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class TemplateSyncTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JsonMapper json;

    @Autowired
    MutableClock clock;

    @Autowired
    ApprovedTemplates approved;

    private StubGraphApi graph;
    private TemplateSync sync;

    @BeforeEach
    void setUp() throws IOException {
        graph = new StubGraphApi();
        CloudApiProperties properties =
                TestProperties.against(graph.url(), Map.of("wadesk.whatsapp.waba-id", "104857600123456"));
        sync = new TemplateSync(new CloudApiClient(properties, json), properties, jdbc, transaction, json, clock);
    }

    @AfterEach
    void tearDown() {
        graph.close();
    }

    private static String page(String templates, String after) {
        String paging = after == null
                ? "{\"cursors\":{\"before\":\"b\",\"after\":\"last\"}}"
                : "{\"cursors\":{\"before\":\"b\",\"after\":\"" + after + "\"},\"next\":\"https://graph/next\"}";
        return "{\"data\":[" + templates + "],\"paging\":" + paging + "}";
    }

    private static String template(String name, String language, String status, String body) {
        return "{\"name\":\"" + name + "\",\"language\":\"" + language + "\",\"category\":\"UTILITY\",\"status\":\""
                + status + "\",\"components\":[{\"type\":\"HEADER\",\"format\":\"TEXT\",\"text\":\"Commande\"},"
                + "{\"type\":\"BODY\",\"text\":\"" + body + "\"}],\"id\":\"1\"}";
    }

    @Test
    void everyPageIsStoredAndTemplatesThatVanishedAreRemoved() {
        graph.answer(
                200,
                page(
                        template("suivi_colis", "fr", "APPROVED", "Bonjour {{1}}, votre colis {{2}} arrive le {{3}}.")
                                + ","
                                + template("suivi_colis", "en_US", "APPROVED", "Hi {{1}}, parcel {{2}} {{1}}"),
                        "c1"));
        graph.answer(200, page(template("promo", "fr", "REJECTED", "Promo {{1}}"), null));

        TemplateSync.Result first = sync.syncNow();

        assertThat(first.templates()).isEqualTo(3);
        assertThat(graph.requests()).hasSize(2);
        assertThat(graph.requests().get(1).query()).contains("after=c1");
        assertThat(approved.list())
                .filteredOn(t -> t.name().equals("suivi_colis") || t.name().equals("promo"))
                .extracting(
                        ApprovedTemplates.ApprovedTemplate::language, ApprovedTemplates.ApprovedTemplate::parameters)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("en_US", 2), org.assertj.core.groups.Tuple.tuple("fr", 3));

        graph.answer(200, page(template("suivi_colis", "fr", "PAUSED", "Bonjour {{1}}"), null));

        TemplateSync.Result second = sync.syncNow();

        assertThat(second.removed()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT name || '/' || language || '/' || status FROM whatsapp_templates")
                        .query(String.class)
                        .list())
                .containsExactly("suivi_colis/fr/PAUSED");
        assertThat(approved.list())
                .extracting(ApprovedTemplates.ApprovedTemplate::name)
                .doesNotContain("suivi_colis");
    }

    @Test
    void aFailedFetchRemovesNothing() {
        jdbc.sql("INSERT INTO whatsapp_templates (name, language, category, status, synced_at)"
                        + " VALUES ('kept', 'fr', 'UTILITY', 'APPROVED', now()) ON CONFLICT DO NOTHING")
                .update();
        graph.error(400, 80007, "(#80007) Rate limit");

        org.assertj.core.api.Assertions.assertThatThrownBy(sync::syncNow)
                .isInstanceOfSatisfying(
                        CloudApiException.class,
                        ex -> assertThat(ex.errorClass()).isEqualTo(CloudApiErrorClass.RETRY_LATER));

        assertThat(jdbc.sql("SELECT count(*) FROM whatsapp_templates WHERE name = 'kept'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
