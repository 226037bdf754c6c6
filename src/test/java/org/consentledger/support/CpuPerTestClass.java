package org.consentledger.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes, for each test class, the CPU the test JVM and the whole machine spent while it ran, to
 * {@code target/test-cpu/<pid>.tsv}; {@code bench/test-cpu.py} sums them. Machine CPU counts the
 * service's PostgreSQL, Chromium and child JVMs too, so it is only meaningful on a quiet machine.
 * What is spent outside any class (discovery, which builds every Quarkus test profile) is a row too.
 */
public final class CpuPerTestClass implements TestExecutionListener {

    private static final Path DIRECTORY = Path.of("target", "test-cpu");

    private final Map<String, long[]> started = new HashMap<>();
    private final long[] planStarted = new long[3];
    private final long[] outsideClasses = new long[3];
    private long[] lastClassEnded;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        long[] now = now();
        System.arraycopy(now, 0, planStarted, 0, 3);
        lastClassEnded = now;
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (isClass(test)) {
            long[] now = now();
            add(outsideClasses, now, lastClassEnded);
            started.put(test.getUniqueId(), now);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        long[] start = started.remove(test.getUniqueId());
        if (start == null) {
            return;
        }
        long[] now = now();
        lastClassEnded = now;
        write(((ClassSource) test.getSource().orElseThrow()).getClassName(), now, start);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        long[] now = now();
        add(outsideClasses, now, lastClassEnded);
        write("(between classes)", outsideClasses, new long[3]);
        write("(whole run)", now, planStarted);
    }

    private static boolean isClass(TestIdentifier test) {
        return test.isContainer() && test.getSource().filter(ClassSource.class::isInstance).isPresent();
    }

    private static void add(long[] sum, long[] end, long[] start) {
        for (int i = 0; i < 3; i++) {
            sum[i] += end[i] - start[i];
        }
    }

    /** Milliseconds of wall clock, of this JVM's CPU and of the machine's CPU. */
    private static long[] now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new long[] { System.nanoTime() / 1_000_000, os.getProcessCpuTime() / 1_000_000, machineCpuMillis() };
    }

    private static long machineCpuMillis() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int i : List.of(1, 2, 3, 6, 7, 8)) { // user nice system irq softirq steal
                ticks += Long.parseLong(fields[i]);
            }
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static void write(String name, long[] end, long[] start) {
        String line = String.format("%s\t%d\t%d\t%d%n", name, end[0] - start[0], end[1] - start[1], end[2] - start[2]);
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(ProcessHandle.current().pid() + ".tsv"), line,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a measurement must never fail a test run
        }
    }
}
