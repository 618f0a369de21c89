package io.wadesk.library;

import java.util.List;

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
        System.out.printf("masker ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        boolean misses = List.of(args).contains("--misses");
        MaskingScore tuned = run(masker, MaskingCorpus.TUNED, "tuned");
        MaskingScore heldOut = run(masker, MaskingCorpus.HELD_OUT, "held-out");
        if (misses) {
            System.out.println("Misses of the tuned part:");
            tuned.misses().forEach(miss -> System.out.println("  " + miss));
        }
        MaskingScore all = new MaskingScore();
        for (String part : List.of(MaskingCorpus.TUNED, MaskingCorpus.HELD_OUT)) {
            for (MaskingCorpus.Message message : MaskingCorpus.load(part)) {
                all.add(message, mask(masker, message));
            }
        }
        System.out.println("Both parts:");
        System.out.print(all.table());
        System.out.printf("(held-out misses: %d)%n", heldOut.misses().size());
    }

    private static MaskingScore run(PersonalDataMasker masker, String resource, String label) {
        List<MaskingCorpus.Message> messages = MaskingCorpus.load(resource);
        MaskingScore score = new MaskingScore();
        long start = System.nanoTime();
        for (MaskingCorpus.Message message : messages) {
            score.add(message, mask(masker, message));
        }
        long items = messages.stream().mapToLong(m -> m.items().size()).sum();
        System.out.printf(
                "%s: %d messages, %d personal items (%d ms)%n",
                label, messages.size(), items, (System.nanoTime() - start) / 1_000_000);
        System.out.print(score.table());
        return score;
    }

    static String mask(PersonalDataMasker masker, MaskingCorpus.Message message) {
        return masker.mask(message.text(), message.contactName() == null ? List.of() : List.of(message.contactName()));
    }
}
