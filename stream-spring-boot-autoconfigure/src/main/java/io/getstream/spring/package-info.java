/**
 * Exceptions raised by the Stream client when a task, an HTTP response or the transport
 * fails.
 */
@NullMarked
package io.getstream.spring;

import org.jspecify.annotations.NullMarked;
