package io.wadesk.admin.internal;

/** A new consent request text; {@link io.wadesk.conversation.ConsentTexts.ConsentText#problem()} checks it. */
public record ConsentForm(String text, String yesLabel, String noLabel) {

    public ConsentForm {
        text = FormText.stripped(text);
        yesLabel = FormText.stripped(yesLabel);
        noLabel = FormText.stripped(noLabel);
    }
}
