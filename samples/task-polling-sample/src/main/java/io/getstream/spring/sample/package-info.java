/**
 * Sample application that starts Stream channel tasks and waits for them.
 */
@NullMarked
package io.getstream.spring.sample;

import org.jspecify.annotations.NullMarked;
