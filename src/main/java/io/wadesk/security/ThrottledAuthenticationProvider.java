package io.wadesk.security;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Reserves the attempt with {@link LoginThrottle} (per client address, then per username) before even looking the
 * user up, and refuses it when either has used up its attempts; then checks the password, at most a few at once.
 * Nothing here runs in a transaction: the password hash is never computed while a database connection is held.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final LoginThrottleProperties properties;
    private final Semaphore checks;

    ThrottledAuthenticationProvider(
            AuthenticationProvider delegate, LoginThrottle throttle, LoginThrottleProperties properties) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.properties = properties;
        this.checks = new Semaphore(Math.max(1, properties.concurrentChecks()), true);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = addressOf(authentication);
        if (!throttle.reserveForAddress(address)) {
            throw new AddressBlockedException();
        }
        if (!throttle.reserveForUsername(username)) {
            throw new LockedException("Too many failed sign-ins");
        }
        Authentication result = checkInTurn(authentication);
        throttle.recordSuccess(username, address);
        return result;
    }

    /** A failure stays counted: its reservation is the record of it. */
    private Authentication checkInTurn(Authentication authentication) {
        awaitTurn();
        try {
            return delegate.authenticate(authentication);
        } finally {
            checks.release();
        }
    }

    private void awaitTurn() {
        try {
            if (!checks.tryAcquire(properties.checkWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SignInBusyException();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SignInBusyException();
        }
    }

    /** The client address as the servlet container resolved it (behind the trusted proxies only). */
    private static String addressOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    /** Too many failed sign-ins from one client address, whatever the usernames. */
    static class AddressBlockedException extends AuthenticationException {
        AddressBlockedException() {
            super("Too many failed sign-ins from this address");
        }
    }

    /** More sign-ins at once than the instance checks; the client may try again in a moment. */
    static class SignInBusyException extends AuthenticationException {
        SignInBusyException() {
            super("Too many sign-ins at once");
        }
    }
}
