package io.wadesk.crypto;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Not a test: reports how fast values are sealed and opened, on one thread, and what a data-key cache miss costs.
 * It compares the JDK's AES-GCM (what {@link AesGcm} uses) with BouncyCastle's {@code GCMBlockCipher}, to keep the
 * choice of the faster one honest on the machine at hand.
 *
 * <pre>
 * ./mvnw -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.wadesk.crypto.CryptoBenchmark
 * </pre>
 *
 * MB are 10^6 bytes of plaintext. Each figure is the best of a few timed rounds after a warm-up.
 */
public final class CryptoBenchmark {

    private static final int VALUE_BYTES = 1024;
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final long ROUND_NANOS = 1_000_000_000L;
    private static final int ROUNDS = 5;

    private static long sink;

    private CryptoBenchmark() {}

    public static void main(String[] args) throws Exception {
        byte[] plaintext = new byte[VALUE_BYTES];
        new SecureRandom().nextBytes(plaintext);
        SecretKey dataKey = new SecretKeySpec(TestKeys.random(), "AES");
        KeyOwner owner = KeyOwner.conversation(UUID.randomUUID());
        FieldRef field = FieldRef.of("message", "body", UUID.randomUUID());
        byte[] associatedData = AssociatedData.of("wadesk-value-v1", owner.kind(), owner.id(), "message", "body", "1");
        byte[] header = {ValueCipher.VERSION_1};

        System.out.printf(
                Locale.ROOT,
                "%s %s, %d available processor(s); %d-byte values, one thread%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                VALUE_BYTES);

        ValueCipher cipher = new ValueCipher();
        byte[] sealed = cipher.seal(dataKey, owner, field, plaintext);
        report("Vault format, JDK AES-GCM: seal", () -> use(cipher.seal(dataKey, owner, field, plaintext)));
        report("Vault format, JDK AES-GCM: open", () -> use(cipher.open(dataKey, owner, field, sealed)));
        report(
                "Vault format, JDK AES-GCM: seal + open",
                () -> use(cipher.open(dataKey, owner, field, cipher.seal(dataKey, owner, field, plaintext))));

        byte[] jdkSealed = AesGcm.encrypt(dataKey, header, associatedData, plaintext);
        report("JDK AES/GCM/NoPadding: encrypt", () -> use(AesGcm.encrypt(dataKey, header, associatedData, plaintext)));
        report("JDK AES/GCM/NoPadding: decrypt", () -> use(AesGcm.decrypt(dataKey, jdkSealed, 1, associatedData)));

        BouncyCastleGcm bc = new BouncyCastleGcm(dataKey.getEncoded());
        byte[] bcSealed = bc.encrypt(associatedData, plaintext);
        report("BouncyCastle GCMBlockCipher: encrypt", () -> use(bc.encrypt(associatedData, plaintext)));
        report("BouncyCastle GCMBlockCipher: decrypt", () -> use(bc.decrypt(associatedData, bcSealed)));
        report(
                "BouncyCastle GCMBlockCipher: encrypt + decrypt",
                () -> use(bc.decrypt(associatedData, bc.encrypt(associatedData, plaintext))));

        KeyWrapper wrapper = new KeyWrapper();
        KeyRing.Kek kek = TestKeys.ring("bench", TestKeys.randomBase64()).active();
        byte[] wrapped = wrapper.wrap(kek, owner, dataKey.getEncoded());
        double unwrapNanos =
                nanosPerOp(() -> use(wrapper.unwrap(kek, owner, wrapped).getEncoded()));
        System.out.printf(
                Locale.ROOT,
                "%-48s %10.2f µs per data key (unwrap only; the row read adds a database round trip)%n",
                "Data-key cache miss: unwrap under the KEK",
                unwrapNanos / 1000);
        System.out.println("(checksum " + sink + ")");
    }

    private static void report(String name, Operation operation) throws Exception {
        double nanos = nanosPerOp(operation);
        double megabytesPerSecond = VALUE_BYTES / nanos * 1000;
        System.out.printf(
                Locale.ROOT, "%-48s %10.1f MB/s  (%.2f µs per value)%n", name, megabytesPerSecond, nanos / 1000);
    }

    /** The best of several timed rounds, after a warm-up that lets the JIT compile the hot path. */
    private static double nanosPerOp(Operation operation) throws Exception {
        run(operation, WARM_UP_NANOS);
        double best = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            best = Math.min(best, run(operation, ROUND_NANOS));
        }
        return best;
    }

    private static double run(Operation operation, long nanos) throws Exception {
        long start = System.nanoTime();
        long end = start + nanos;
        long ops = 0;
        long now;
        do {
            for (int i = 0; i < 256; i++) {
                operation.run();
            }
            ops += 256;
            now = System.nanoTime();
        } while (now < end);
        return (double) (now - start) / ops;
    }

    private static void use(byte[] result) {
        sink += result[result.length - 1];
    }

    @FunctionalInterface
    private interface Operation {
        void run() throws Exception;
    }

    /**
     * BouncyCastle's AES-GCM with the same layout and nonce source as {@link AesGcm}. Its key schedule and GHASH
     * tables are set up once and reused (a null key on init), its best case.
     */
    private static final class BouncyCastleGcm {

        private final GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
        private final SecureRandom random = new SecureRandom();

        BouncyCastleGcm(byte[] key) {
            byte[] nonce = new byte[AesGcm.NONCE_BYTES];
            random.nextBytes(nonce);
            cipher.init(true, new AEADParameters(new KeyParameter(key), AesGcm.TAG_BYTES * 8, nonce));
        }

        byte[] encrypt(byte[] associatedData, byte[] plaintext) throws InvalidCipherTextException {
            byte[] nonce = new byte[AesGcm.NONCE_BYTES];
            random.nextBytes(nonce);
            cipher.init(true, new AEADParameters(null, AesGcm.TAG_BYTES * 8, nonce, associatedData));
            byte[] out = new byte[1 + AesGcm.NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            out[0] = ValueCipher.VERSION_1;
            System.arraycopy(nonce, 0, out, 1, AesGcm.NONCE_BYTES);
            int length = cipher.processBytes(plaintext, 0, plaintext.length, out, 1 + AesGcm.NONCE_BYTES);
            cipher.doFinal(out, 1 + AesGcm.NONCE_BYTES + length);
            return out;
        }

        byte[] decrypt(byte[] associatedData, byte[] sealed) throws InvalidCipherTextException {
            byte[] nonce = new byte[AesGcm.NONCE_BYTES];
            System.arraycopy(sealed, 1, nonce, 0, AesGcm.NONCE_BYTES);
            cipher.init(false, new AEADParameters(null, AesGcm.TAG_BYTES * 8, nonce, associatedData));
            int offset = 1 + AesGcm.NONCE_BYTES;
            byte[] out = new byte[cipher.getOutputSize(sealed.length - offset)];
            int length = cipher.processBytes(sealed, offset, sealed.length - offset, out, 0);
            cipher.doFinal(out, length);
            return out;
        }
    }
}
