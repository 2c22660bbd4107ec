/**
 * Benchmarks of the Stream task poller: per-poll client cost and a long soak under
 * faults.
 */
@NullMarked
package io.getstream.spring.benchmarks;

import org.jspecify.annotations.NullMarked;
