/**
 * Task poller API: waits on Stream's asynchronous server tasks until they end.
 */
@NullMarked
package io.getstream.spring.tasks;

import org.jspecify.annotations.NullMarked;
