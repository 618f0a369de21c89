package io.wadesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Issue 16, point 6: the order of the checks, and the bound on password hashes at once, without a database. */
class ThrottledAuthenticationProviderTests {

    private final LoginThrottle throttle = mock(LoginThrottle.class);
    private final AuthenticationProvider passwords = mock(AuthenticationProvider.class);
    private final Authentication attempt = UsernamePasswordAuthenticationToken.unauthenticated("agent", "secret");

    @Test
    void aBlockedAddressOrALockedUsernameIsRefusedBeforeThePasswordIsChecked() {
        ThrottledAuthenticationProvider provider = provider(4, Duration.ofSeconds(1));
        when(throttle.reserveForAddress(any())).thenReturn(false);
        assertThatThrownBy(() -> provider.authenticate(attempt))
                .isInstanceOf(ThrottledAuthenticationProvider.AddressBlockedException.class);

        when(throttle.reserveForAddress(any())).thenReturn(true);
        when(throttle.reserveForUsername("agent")).thenReturn(false);
        assertThatThrownBy(() -> provider.authenticate(attempt)).isInstanceOf(LockedException.class);

        verify(passwords, never()).authenticate(any());
    }

    @Test
    void aWrongPasswordKeepsItsReservationAndARightOneGivesItBack() {
        ThrottledAuthenticationProvider provider = provider(4, Duration.ofSeconds(1));
        when(throttle.reserveForAddress(any())).thenReturn(true);
        when(throttle.reserveForUsername("agent")).thenReturn(true);
        when(passwords.authenticate(attempt)).thenThrow(new BadCredentialsException("wrong"));

        assertThatThrownBy(() -> provider.authenticate(attempt)).isInstanceOf(BadCredentialsException.class);
        verify(throttle, never()).recordSuccess(any(), any());
    }

    @Test
    void beyondTheConcurrentChecksASignInIsAnsweredBusyAndNoHashIsComputedInATransaction() throws Exception {
        ThrottledAuthenticationProvider provider = provider(1, Duration.ofMillis(100));
        when(throttle.reserveForAddress(any())).thenReturn(true);
        when(throttle.reserveForUsername(any())).thenReturn(true);
        CountDownLatch hashing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        when(passwords.authenticate(any())).thenAnswer(invocation -> {
            assertThat(TransactionSynchronizationManager.isActualTransactionActive())
                    .isFalse();
            hashing.countDown();
            release.await(5, TimeUnit.SECONDS);
            return invocation.getArgument(0);
        });
        CompletableFuture<Authentication> first = CompletableFuture.supplyAsync(() -> provider.authenticate(attempt));
        assertThat(hashing.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> provider.authenticate(attempt))
                .isInstanceOf(ThrottledAuthenticationProvider.SignInBusyException.class);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isSameAs(attempt);
    }

    private ThrottledAuthenticationProvider provider(int concurrentChecks, Duration wait) {
        return new ThrottledAuthenticationProvider(
                passwords,
                throttle,
                new LoginThrottleProperties(
                        5,
                        Duration.ofMinutes(15),
                        Duration.ofMinutes(5),
                        20,
                        Duration.ofMinutes(15),
                        concurrentChecks,
                        wait));
    }
}
