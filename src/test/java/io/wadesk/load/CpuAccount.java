package io.wadesk.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a phase, from Linux's own accounting ({@code /proc}): the application's threads
 * grouped by what they do, PostgreSQL (the postmaster and every backend, those that ended during the phase included
 * through the postmaster's {@code cutime}), this generator, and the machine as a whole. Times are clock ticks (1/100 s
 * on Linux), so a phase should last seconds. This is what says whether a rate is bound by the CPU and whose CPU it is.
 */
final class CpuAccount {

    /** Linux's USER_HZ, fixed at 100 on every architecture the JVM runs on here. */
    private static final double TICKS_PER_SECOND = 100;

    private final long appPid;
    private final Path postgresData;

    CpuAccount(long appPid, Path postgresData) {
        this.appPid = appPid;
        this.postgresData = postgresData;
    }

    /** CPU ticks so far, by part; {@code machine busy} and {@code machine total} are the whole machine's. */
    Map<String, Long> snapshot() {
        Map<String, Long> ticks = new TreeMap<>();
        threads(appPid).forEach((group, value) -> ticks.merge("app: " + group, value, Long::sum));
        ticks.put("PostgreSQL", postgres());
        ticks.put("generator", ownTicks(ProcessHandle.current().pid()));
        long[] machine = machine();
        ticks.put("machine busy", machine[0]);
        ticks.put("machine total", machine[1]);
        return ticks;
    }

    /** The difference between two snapshots, as one line per part in CPU microseconds per request. */
    static List<String> describe(Map<String, Long> before, Map<String, Long> after, int requests) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        after.forEach((part, value) -> seconds.put(part, (value - before.getOrDefault(part, 0L)) / TICKS_PER_SECOND));
        double app = seconds.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("app: "))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        double busy = seconds.getOrDefault("machine busy", 0.0);
        double total = seconds.getOrDefault("machine total", 0.0);
        StringBuilder parts = new StringBuilder();
        seconds.forEach((part, value) -> {
            if (part.startsWith("app: ") && value > 0) {
                parts.append(String.format(Locale.ROOT, "%s %.0f, ", part.substring(5), micros(value, requests)));
            }
        });
        return List.of(
                String.format(
                        Locale.ROOT,
                        "CPU per request (µs): application %.0f, PostgreSQL %.0f, generator %.0f, whole machine %.0f;"
                                + " machine busy %.0f %% of %.1f core-seconds",
                        micros(app, requests),
                        micros(seconds.getOrDefault("PostgreSQL", 0.0), requests),
                        micros(seconds.getOrDefault("generator", 0.0), requests),
                        micros(busy, requests),
                        total == 0 ? 0 : 100 * busy / total,
                        total),
                "  application by thread (µs per request): "
                        + (parts.length() == 0 ? "none" : parts.substring(0, parts.length() - 2)));
    }

    private static double micros(double seconds, int requests) {
        return requests == 0 ? 0 : seconds * 1e6 / requests;
    }

    /** A thread's group, from its name as Linux keeps it (the first 15 characters). */
    static String group(String comm) {
        if (comm.startsWith("http-nio")) {
            return "Tomcat";
        } else if (comm.startsWith("inbox-writer")) {
            return "inbox writers";
        } else if (comm.startsWith("inbox-worker")) {
            return "inbox worker";
        } else if (comm.startsWith("whatsapp-sender")) {
            return "sender";
        } else if (comm.startsWith("whatsapp-media")) {
            return "media";
        } else if (comm.startsWith("HttpClient")
                || comm.startsWith("Thread-")
                || comm.startsWith("SimpleAsyncTask")
                || comm.startsWith("cloud-api")
                || comm.startsWith("ForkJoinPool")) {
            // The JDK's HTTP client under the sender's and the media fetcher's calls to the Cloud API.
            return "Cloud API client";
        } else if (comm.contains("Compiler")) {
            return "JIT";
        } else if (comm.equals("VM Thread")) {
            return "GC";
        } else if (comm.startsWith("live")) {
            return "live";
        }
        return "other";
    }

    private static Map<String, Long> threads(long pid) {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                String[] stat = stat(task.resolve("stat"));
                if (stat != null) {
                    ticks.merge(group(stat[0]), Long.parseLong(stat[12]) + Long.parseLong(stat[13]), Long::sum);
                }
            });
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return ticks;
    }

    /** The postmaster with its reaped children, plus every live backend. */
    private long postgres() {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(postgresData.resolve("postmaster.pid"))
                    .get(0)
                    .strip());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        long total = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.toList()) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] stat = stat(process.resolve("stat"));
                if (stat == null) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (pid == postmaster) {
                    // utime, stime, cutime, cstime: the backends it has reaped count here.
                    total += Long.parseLong(stat[12])
                            + Long.parseLong(stat[13])
                            + Long.parseLong(stat[14])
                            + Long.parseLong(stat[15]);
                } else if (Long.parseLong(stat[2]) == postmaster) {
                    total += Long.parseLong(stat[12]) + Long.parseLong(stat[13]);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return total;
    }

    private static long ownTicks(long pid) {
        String[] stat = stat(Path.of("/proc", Long.toString(pid), "stat"));
        return stat == null ? 0 : Long.parseLong(stat[12]) + Long.parseLong(stat[13]);
    }

    /** Busy and total ticks of every core together, from the first line of {@code /proc/stat}. */
    private static long[] machine() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).strip().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The fields of a {@code stat} file: [0] the name, then from [1] the state, ppid… (so {@code [12]} is utime, as
     * field 14 of proc(5)); null when the process or thread ended meanwhile.
     */
    private static String[] stat(Path file) {
        String line;
        try {
            line = Files.readString(file);
        } catch (IOException gone) {
            return null;
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        String[] rest = line.substring(close + 2).strip().split(" ");
        String[] fields = new String[rest.length + 1];
        fields[0] = line.substring(open + 1, close);
        System.arraycopy(rest, 0, fields, 1, rest.length);
        return fields;
    }
}
