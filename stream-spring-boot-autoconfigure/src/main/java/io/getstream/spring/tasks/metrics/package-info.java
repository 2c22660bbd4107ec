/**
 * Micrometer metrics for the task poller.
 */
@NullMarked
package io.getstream.spring.tasks.metrics;

import org.jspecify.annotations.NullMarked;
