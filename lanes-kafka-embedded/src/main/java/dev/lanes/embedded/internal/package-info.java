/**
 * Internals of the embedded Kafka: the child JVM's main class, the generated broker
 * configuration, process management and readiness checks. Not API: may change at any time.
 */
package dev.lanes.embedded.internal;
