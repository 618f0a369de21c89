package io.wadesk.desk.web;

import io.wadesk.conversation.TemplateRequest;
import io.wadesk.whatsapp.ApprovedTemplates;
import io.wadesk.whatsapp.ApprovedTemplates.ApprovedTemplate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The approved templates the composer's picker offers once the 24-hour window is closed, and what is sent. */
@Component
class TemplatePicker {

    private final ApprovedTemplates templates;

    TemplatePicker(ApprovedTemplates templates) {
        this.templates = templates;
    }

    /**
     * What the picker shows: the templates offered, the re-engagement template admins chose ready to fill in (unless
     * the agent chose another), and how many are not offered.
     */
    void addTo(Model model) {
        List<TemplateChoice> choices = choices();
        model.addAttribute("templates", choices);
        if (!model.containsAttribute("chosenTemplate")
                && !choices.isEmpty()
                && choices.get(0).chosenByAdmins()) {
            model.addAttribute("chosenTemplate", choices.get(0));
            model.addAttribute("paramValues", List.of());
        }
        model.addAttribute("templatesWithHeader", withHeaderParameters());
    }

    /**
     * The approved templates: the one admins chose for re-engagement first, then those in the agent's language (the
     * contact's language is not known), by name.
     */
    List<TemplateChoice> choices() {
        String language = LocaleContextHolder.getLocale().getLanguage();
        Optional<String> chosen = templates.reengagement().map(TemplatePicker::keyOf);
        return templates.list().stream()
                .filter(template -> template.headerParameters() == 0)
                .map(template -> TemplateChoice.of(
                        template, chosen.filter(keyOf(template)::equals).isPresent()))
                .sorted(Comparator.comparing((TemplateChoice choice) -> !choice.chosenByAdmins())
                        .thenComparing(choice -> !sameLanguage(choice.language(), language))
                        .thenComparing(TemplateChoice::name)
                        .thenComparing(TemplateChoice::language))
                .toList();
    }

    Optional<TemplateChoice> choice(String key) {
        return choices().stream().filter(choice -> choice.key().equals(key)).findFirst();
    }

    /**
     * Templates whose header has parameters are not offered: the sender fills only the body's, and Meta would refuse
     * the message. The picker says how many there are.
     */
    private long withHeaderParameters() {
        return templates.list().stream()
                .filter(template -> template.headerParameters() > 0)
                .count();
    }

    /**
     * What the picker's form sends: the chosen template with the values typed, or a template not offered (unknown, or
     * no longer approved) as it was named, for the conversation's command to refuse.
     */
    Picked pick(String key, Map<String, String> form) {
        Optional<TemplateChoice> chosen = choice(key);
        List<String> values = chosen.map(choice -> parameters(choice, form)).orElse(List.of());
        TemplateRequest request = chosen.map(choice -> new TemplateRequest(choice.name(), choice.language(), values))
                .or(() -> TemplateChoice.parseKey(key).map(parts -> new TemplateRequest(parts[0], parts[1], List.of())))
                .orElseGet(() -> new TemplateRequest(key, "", List.of()));
        return new Picked(chosen, values, request);
    }

    /** @param choice empty for a template not offered */
    record Picked(Optional<TemplateChoice> choice, List<String> values, TemplateRequest request) {}

    /** The values typed for the chosen template's placeholders ({@code param1}, {@code param2}…), trimmed. */
    private static List<String> parameters(TemplateChoice choice, Map<String, String> form) {
        return IntStream.rangeClosed(1, choice.placeholders().size())
                .mapToObj(n -> form.getOrDefault("param" + n, "").strip())
                .toList();
    }

    private static String keyOf(ApprovedTemplate template) {
        return template.name() + ":" + template.language();
    }

    private static boolean sameLanguage(String templateLanguage, String language) {
        return Locale.forLanguageTag(templateLanguage.replace('_', '-'))
                .getLanguage()
                .equals(language);
    }
}
