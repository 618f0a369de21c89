package io.wadesk.library.internal;

import java.util.List;
import java.util.function.Function;

/**
 * The masking benchmark ({@code scripts/masking-benchmark}): masks the labelled corpus and prints recall and precision
 * per kind and overall, for the tuned part and the held-out part. {@code --misses} also prints what the tuned part
 * missed (the held-out part's misses are not printed: they must not be used to tune the masker).
 */
public final class MaskingBenchmark {

    private MaskingBenchmark() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        PersonalDataMasker masker = new PersonalDataMasker(List.of());
        System.out.printf("gazetteer loaded and masker ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        report(
                message -> masker.mask(message.text(), context(message)),
                List.of(args).contains("--misses"));
    }

    /** Prints the scores of a masker on both parts and on the whole corpus. */
    static void report(Function<MaskingCorpus.Message, String> masker, boolean misses) {
        MaskingScore tuned = run(masker, MaskingCorpus.TUNED, "tuned");
        MaskingScore heldOut = run(masker, MaskingCorpus.HELD_OUT, "held-out");
        if (misses) {
            System.out.println("Misses of the tuned part:");
            tuned.misses().forEach(miss -> System.out.println("  " + miss));
        }
        MaskingScore all = score(masker, MaskingCorpus.TUNED, MaskingCorpus.HELD_OUT);
        System.out.println("Both parts:");
        System.out.print(all.table());
        System.out.printf(
                "(held-out misses, not printed: %d)%n", heldOut.misses().size());
    }

    private static MaskingScore run(Function<MaskingCorpus.Message, String> masker, String resource, String label) {
        List<MaskingCorpus.Message> messages = MaskingCorpus.load(resource);
        long start = System.nanoTime();
        MaskingScore score = score(masker, resource);
        long items = messages.stream().mapToLong(m -> m.items().size()).sum();
        System.out.printf(
                "%s: %d messages, %d personal items (%d ms)%n",
                label, messages.size(), items, (System.nanoTime() - start) / 1_000_000);
        System.out.print(score.table());
        return score;
    }

    static MaskingScore score(Function<MaskingCorpus.Message, String> masker, String... resources) {
        MaskingScore score = new MaskingScore();
        for (String resource : resources) {
            for (MaskingCorpus.Message message : MaskingCorpus.load(resource)) {
                score.add(message, masker.apply(message));
            }
        }
        return score;
    }

    /** What the desk knows of the message's conversation: the contact's name and number, the staff's names. */
    static MaskingContext context(MaskingCorpus.Message message) {
        return new MaskingContext(
                message.contactName() == null ? List.of() : List.of(message.contactName()),
                message.agents(),
                message.contactPhone() == null ? List.of() : List.of(message.contactPhone()),
                List.of());
    }
}
