package dev.lanes.internal.offsets;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Runs the cases of a seeded randomized test, each case from its own seed, and names the seed of
 * a case that fails.
 *
 * <p>A run picks a random base seed; case {@code i} gets the seed {@code mix(base, i)} and a
 * {@link Gen} over {@code new java.util.Random(seed)}, so a case is reproduced by its seed alone
 * (on any JDK: {@code java.util.Random}'s algorithm is specified). The first failing case fails the
 * test with an {@link AssertionError} that names the case, its seed and the command that re-runs
 * it, with the original failure as its cause. There is no shrinking: generators draw small and
 * edge-case sizes often (see {@link Gen}), so failures tend to come with small inputs anyway.
 *
 * <p><b>Re-running one seed:</b> with the system property {@code lanes.seed} set (Surefire passes
 * {@code -D} options of the Maven command line on to the tests), every randomized test runs the
 * single case with that seed instead of its usual count, e.g.
 *
 * <pre>
 * ./run-tests -pl lanes-core -am -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest='OffsetTrackerRandomizedTest#committableOffsetIsTheLowestOffsetNotEnded' -Dlanes.seed=-4242
 * </pre>
 */
final class RandomCases {

    /** The system property holding the one case seed to run. */
    static final String SEED_PROPERTY = "lanes.seed";

    private RandomCases() {
    }

    /**
     * Runs {@code cases} cases of {@code body} (or the one case of {@code -Dlanes.seed}).
     *
     * @param cases how many generated cases a normal run checks
     * @param body one case: generates its input from the {@link Gen} and asserts
     */
    static void run(int cases, Consumer<Gen> body) {
        String test = callerName();
        if (singleSeed()) {
            runCase(test, body, Long.parseLong(System.getProperty(SEED_PROPERTY).trim()), "the case of -D" + SEED_PROPERTY);
            return;
        }
        long base = ThreadLocalRandom.current().nextLong();
        for (int i = 0; i < cases; i++) {
            runCase(test, body, mix(base, i), "case " + (i + 1) + " of " + cases);
        }
    }

    /**
     * True when {@code -Dlanes.seed} selects one case: checks over a whole run (e.g. that a
     * generator reached every encoding) are then skipped.
     */
    static boolean singleSeed() {
        String fixed = System.getProperty(SEED_PROPERTY);
        return fixed != null && !fixed.isBlank();
    }

    private static void runCase(String test, Consumer<Gen> body, long seed, String which) {
        try {
            body.accept(new Gen(seed));
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable failure) {
            throw new AssertionError(test + ": " + which + " failed with seed " + seed
                    + "; re-run just this case with -D" + SEED_PROPERTY + "=" + seed
                    + " -Dtest='" + test + "' (see RandomCases)\n" + failure, failure);
        }
    }

    /** SplitMix64's finalizer over base + i: spreads consecutive cases over unrelated seeds. */
    static long mix(long base, long i) {
        long z = base + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** "SimpleClassName#method" of the test that called {@link #run}. */
    private static String callerName() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(f -> f.getDeclaringClass() != RandomCases.class).findFirst())
                .map(f -> f.getDeclaringClass().getSimpleName() + "#" + f.getMethodName())
                .orElse("?");
    }
}
