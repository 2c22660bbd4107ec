/**
 * HTTP support for Stream's REST API: server-token authentication and request factories
 * that cap each request's timeouts by the time a wait has left.
 */
@NullMarked
package io.getstream.spring.http;

import org.jspecify.annotations.NullMarked;
