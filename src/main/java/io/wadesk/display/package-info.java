/**
 * What a stored message looks like, decided once: {@link io.wadesk.display.MessageDisplay} turns a message's content
 * ({@code conversation.MessageContent}) into a display model (its kind, its words, its file, place, cards, answer,
 * template, buttons or notice) that the desk's bubbles, the archive's transcript and PDF and the training library
 * lay out each in their own way (HTML with links, PDF lines, masked text) without deciding again what a media,
 * location, contact card, reaction, template or interactive answer shows. It stores nothing and reads no table.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"conversation"})
package io.wadesk.display;
