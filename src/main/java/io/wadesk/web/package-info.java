/**
 * The application's shell on the web: the start page of each role, the sign-in page and the language (French or
 * English, {@code ?lang=}). Each feature's pages are its own module's ({@code desk.web}, {@code archive.web}…).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "user"})
package io.wadesk.web;
