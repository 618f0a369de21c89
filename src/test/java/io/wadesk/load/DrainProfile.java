package io.wadesk.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recorder recording of one drain of the inbox ({@link NewCustomerBurst}), in this JVM: CPU samples
 * every 10 ms and every socket read (each one a round trip to PostgreSQL, or a wait for it), with their stacks. It
 * prints, for the inbox worker threads, where the CPU samples fall and where the round trips come from, by the
 * nearest {@code io.wadesk} method of the stack: that is the statement's call site.
 */
class DrainProfile {

    static final DrainProfile NONE = new DrainProfile(null, null);

    private static final String WORKER_THREAD = "inbox-worker";
    private static final int TOP = 15;

    private final Recording recording;
    private final Path file;

    private DrainProfile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** Starts recording when {@code prefix} is given ({@code --jfr=target/burst}), else records nothing. */
    static DrainProfile start(String prefix, String phase) {
        if (prefix == null || prefix.isBlank()) {
            return NONE;
        }
        Recording recording = new Recording();
        recording
                .enable("jdk.ExecutionSample")
                .withPeriod(Duration.ofMillis(10))
                .withStackTrace();
        recording.enable("jdk.SocketRead").withThreshold(Duration.ZERO).withStackTrace();
        recording
                .enable("jdk.JavaMonitorEnter")
                .withThreshold(Duration.ofMillis(1))
                .withStackTrace();
        recording.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(1)).withStackTrace();
        recording.setToDisk(true);
        recording.start();
        return new DrainProfile(recording, Path.of(prefix + "-" + phase + ".jfr"));
    }

    void stop() throws Exception {
        if (recording != null) {
            recording.stop();
            recording.dump(file);
            recording.close();
        }
    }

    void print() throws Exception {
        if (recording == null) {
            return;
        }
        Map<String, Long> cpuByCaller = new HashMap<>();
        Map<String, Long> cpuBySelf = new HashMap<>();
        Map<String, long[]> readsByCaller = new HashMap<>();
        long[] totals = new long[4];
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!onWorker(event)) {
                continue;
            }
            String caller = nearestWadeskFrame(event.getStackTrace());
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    totals[0]++;
                    cpuByCaller.merge(caller, 1L, Long::sum);
                    cpuBySelf.merge(topFrame(event.getStackTrace()), 1L, Long::sum);
                }
                case "jdk.SocketRead" -> {
                    totals[1]++;
                    totals[2] += event.getDuration().toNanos();
                    long[] read = readsByCaller.computeIfAbsent(caller, key -> new long[2]);
                    read[0]++;
                    read[1] += event.getDuration().toNanos();
                }
                default -> totals[3] += event.getDuration().toNanos();
            }
        }
        printTotals(totals);
        printTop("CPU samples by nearest io.wadesk method", cpuByCaller, totals[0]);
        printTop("CPU samples by top frame", cpuBySelf, totals[0]);
        printReads(readsByCaller, totals[1]);
    }

    private void printTotals(long[] totals) {
        System.out.printf(
                Locale.ROOT,
                "JFR (%s), inbox worker threads: %d CPU samples (10 ms period), %,d socket reads waiting %.2f s in"
                        + " all, %.2f s blocked on locks or parked%n",
                file,
                totals[0],
                totals[1],
                totals[2] / 1e9,
                totals[3] / 1e9);
    }

    private static void printTop(String title, Map<String, Long> counts, long total) {
        System.out.println("  " + title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .forEach(entry -> System.out.printf(
                        Locale.ROOT,
                        "    %5.1f %%  %s%n",
                        100.0 * entry.getValue() / Math.max(1, total),
                        entry.getKey()));
    }

    private static void printReads(Map<String, long[]> reads, long total) {
        System.out.println("  socket reads (round trips to PostgreSQL) by nearest io.wadesk method: count, wait ms:");
        reads.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[0])
                        .reversed())
                .limit(TOP + 5)
                .forEach(entry -> System.out.printf(
                        Locale.ROOT,
                        "    %7d (%4.1f %%) %8.0f ms  %s%n",
                        entry.getValue()[0],
                        100.0 * entry.getValue()[0] / Math.max(1, total),
                        entry.getValue()[1] / 1e6,
                        entry.getKey()));
    }

    private static boolean onWorker(RecordedEvent event) {
        var thread = event.getThread() != null ? event.getThread() : event.getThread("sampledThread");
        return thread != null
                && thread.getJavaName() != null
                && thread.getJavaName().startsWith(WORKER_THREAD);
    }

    /** The innermost frame of ours: the repository or service method that is working or issued the statement. */
    private static String nearestWadeskFrame(RecordedStackTrace stack) {
        if (stack == null) {
            return "(no stack)";
        }
        List<RecordedFrame> frames = stack.getFrames();
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("io.wadesk.") && !type.contains("$$")) {
                return name(frame);
            }
        }
        return frames.isEmpty() ? "(empty stack)" : name(frames.get(0));
    }

    private static String topFrame(RecordedStackTrace stack) {
        return stack == null || stack.getFrames().isEmpty()
                ? "(no stack)"
                : name(stack.getFrames().get(0));
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "."
                + frame.getMethod().getName();
    }
}
