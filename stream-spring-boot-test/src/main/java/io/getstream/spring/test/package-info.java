/**
 * Local emulator of Stream's asynchronous task API for tests and samples.
 */
@NullMarked
package io.getstream.spring.test;

import org.jspecify.annotations.NullMarked;
