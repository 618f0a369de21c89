/**
 * The training library (docs/design.md §1.12 Archive uses): conversations managers mark as good or bad examples, shown to
 * every agent with personal data masked. The masked copy is made when the example is marked and kept sealed under
 * the conversation's key, so destroying the transcript (withdrawal, retention) destroys the example too; the raw
 * transcript is never shown in the library. Admins add their own masking patterns.
 *
 * <p>Its door: {@link io.wadesk.library.TrainingLibrary} and {@link io.wadesk.library.Verdict}; the masker, its
 * patterns and the examples' storage are in {@code internal}, its pages in {@code web}. A message's words come from
 * its {@code display.MessageDisplay}; where a transcript stands comes from {@code conversation.TranscriptStates}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"agent", "audit", "conversation", "crypto", "display", "shared", "user"})
package io.wadesk.library;
