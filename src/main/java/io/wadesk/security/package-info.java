/**
 * Who may reach what (docs/design.md §1 Access; tables {@code login_throttle} and {@code login_address_throttle}): the
 * security filter chains and the role matrix, form sign-in with its throttling, sessions only for signed-in users with
 * their absolute lifetime, ending a user's sessions when their sign-in is revoked, and multipart bodies only where a
 * form uploads a file. It exposes nothing: other modules see only Spring Security.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"crypto", "user"})
package io.wadesk.security;
