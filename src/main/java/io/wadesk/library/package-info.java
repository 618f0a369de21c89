/**
 * The training library (DESIGN.md §1 Archive uses): conversations managers mark as good or bad examples, shown to
 * every agent with personal data masked. The masked copy is made when the example is marked and kept sealed under
 * the conversation's key, so destroying the transcript (withdrawal, retention) destroys the example too; the raw
 * transcript is never shown in the library. Admins add their own masking patterns.
 */
package io.wadesk.library;
