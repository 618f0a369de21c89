package io.wadesk.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.wadesk.whatsapp.ApprovedTemplates;
import io.wadesk.whatsapp.ApprovedTemplates.ApprovedTemplate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.ui.ConcurrentModel;

/**
 * The template picker's model, once the window is closed: what the composer renders as the select (in this order),
 * the chosen template's fields and its preview. Was a pane slice test; the pane is now put together by a mocked
 * {@link DeskPage} there.
 */
class TemplatePickerTests {

    @Test
    void theReengagementTemplateAdminsChoseIsOfferedFirstReadyToFillIn() {
        ApprovedTemplates templates = mock(ApprovedTemplates.class);
        ApprovedTemplate chosen = new ApprovedTemplate("zz_relance", "fr", "UTILITY", "Toujours là {{1}} ?", 1, 0);
        ApprovedTemplate other = new ApprovedTemplate("relance", "fr", "UTILITY", "Bonjour {{1}}, et {{2}} ?", 2, 0);
        when(templates.list()).thenReturn(List.of(chosen, other));
        when(templates.reengagement()).thenReturn(Optional.of(chosen));
        ConcurrentModel model = new ConcurrentModel();

        new TemplatePicker(templates).addTo(model);

        @SuppressWarnings("unchecked")
        List<TemplateChoice> offered = (List<TemplateChoice>) model.getAttribute("templates");
        assertThat(offered).extracting(TemplateChoice::key).containsExactly("zz_relance:fr", "relance:fr");
        TemplateChoice preselected = (TemplateChoice) model.getAttribute("chosenTemplate");
        assertThat(preselected.key()).isEqualTo("zz_relance:fr");
        assertThat(preselected.fields(List.of()))
                .extracting(TemplateChoice.Field::placeholder)
                .containsExactly("1");
        assertThat(preselected.preview(List.of())).isEqualTo("Toujours là [1] ?");
    }
}
