package dev.lanes.embedded;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives a test class a running {@link EmbeddedKafka}.
 *
 * <pre>{@code
 * class OrdersIT {
 *     @RegisterExtension
 *     static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();
 *
 *     @Test
 *     void roundTrip(EmbeddedKafka kafka) {  // or KAFKA.kafka()
 *         kafka.createTopic("orders-" + UUID.randomUUID(), 3);
 *         …
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #shared()} (and {@code @ExtendWith(EmbeddedKafkaExtension.class)}): one
 *       single-node broker for every test class of the JVM that asks for it, started on first
 *       use and stopped when the test run ends. The fast choice for a suite; give each test its
 *       own topics and groups.</li>
 *   <li>{@link #singleNode()}, {@link #cluster(int)}, {@link #of(EmbeddedKafka.Builder)}: a
 *       Kafka of the class's own, started before its first test and stopped after its last.
 *       Use it when a test crashes nodes or needs special broker settings.</li>
 * </ul>
 * Register it in a {@code static} field so one Kafka serves the whole class; in an instance
 * field, each test method gets its own. Test methods, constructors and lifecycle methods may
 * declare an {@link EmbeddedKafka} parameter.
 *
 * <p>JUnit calls it from the test thread(s); its methods are synchronized for parallel runs.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);
    private static final String SHARED_KEY = "shared-single-node";

    /** Null for the shared broker, which lives in JUnit's root store instead. */
    private final EmbeddedKafka.Builder builder;
    private EmbeddedKafka kafka;
    /** The unique id of the JUnit context that started {@link #kafka}, which stops it. */
    private String ownerContextId;

    private EmbeddedKafkaExtension(EmbeddedKafka.Builder builder) {
        this.builder = builder;
    }

    /**
     * The shared single-node broker; the constructor JUnit calls for
     * {@code @ExtendWith(EmbeddedKafkaExtension.class)}.
     */
    public EmbeddedKafkaExtension() {
        this(null);
    }

    /** @return an extension that starts one broker (a single KRaft node) for the test class */
    public static EmbeddedKafkaExtension singleNode() {
        return of(EmbeddedKafka.builder());
    }

    /**
     * @param nodes how many nodes (3 to survive the crash of one)
     * @return an extension that starts a cluster for the test class
     */
    public static EmbeddedKafkaExtension cluster(int nodes) {
        return of(EmbeddedKafka.builder().nodes(nodes));
    }

    /**
     * @param builder the Kafka to start for the test class, e.g. with broker properties
     * @return the extension
     */
    public static EmbeddedKafkaExtension of(EmbeddedKafka.Builder builder) {
        return new EmbeddedKafkaExtension(Objects.requireNonNull(builder, "builder"));
    }

    /**
     * @return an extension that uses the one single-node broker shared by every test class of
     *     this JVM
     */
    public static EmbeddedKafkaExtension shared() {
        return new EmbeddedKafkaExtension();
    }

    /**
     * @return the running Kafka
     * @throws IllegalStateException before the extension started it (e.g. in a static
     *     initializer) or after it stopped it
     */
    public synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("the embedded Kafka is not running: use it from a test"
                    + " or a lifecycle method, and register the extension with @RegisterExtension");
        }
        return kafka;
    }

    /** @return the running Kafka's {@code bootstrap.servers} */
    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        ensureStarted(context);
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        // Only starts something when registered in an instance field: beforeAll did not run.
        ensureStarted(context);
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        stopIfStartedBy(context);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        stopIfStartedBy(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class;
    }

    @Override
    public synchronized Object resolveParameter(ParameterContext parameter,
                                                ExtensionContext context) {
        // A constructor parameter is resolved before any callback runs.
        ensureStarted(context);
        return kafka;
    }

    private void ensureStarted(ExtensionContext context) {
        if (kafka != null) {
            return;
        }
        if (builder == null) {
            kafka = context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(SHARED_KEY, key -> new SharedKafka(),
                            SharedKafka.class).kafka;
        } else {
            kafka = builder.start();
            ownerContextId = context.getUniqueId();
        }
    }

    private void stopIfStartedBy(ExtensionContext context) {
        if (builder != null && kafka != null && context.getUniqueId().equals(ownerContextId)) {
            EmbeddedKafka started = kafka;
            kafka = null;
            ownerContextId = null;
            started.close();
        }
    }

    /**
     * The shared broker in JUnit's root store, which closes it when the test run ends. It is
     * both kinds of closeable resource: JUnit 5.13 and later close an {@link AutoCloseable}
     * (and deprecate {@code CloseableResource}); earlier versions only close a
     * {@code CloseableResource}. Either way it is closed once.
     */
    @SuppressWarnings("deprecation")
    private static final class SharedKafka
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        private final EmbeddedKafka kafka = EmbeddedKafka.builder().start();

        @Override
        public void close() {
            kafka.close();
        }
    }
}
