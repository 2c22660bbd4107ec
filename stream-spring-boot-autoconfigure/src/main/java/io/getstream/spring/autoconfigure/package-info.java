/**
 * Auto-configuration for the Stream task poller.
 */
@NullMarked
package io.getstream.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
