/**
 * Auto-configuration for the Stream task poller's Micrometer metrics.
 */
@NullMarked
package io.getstream.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
