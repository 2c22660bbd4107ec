package io.getstream.spring.test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * HTTP request received by a {@link StreamEmulator}, recorded before the response was
 * sent.
 *
 * @param method the HTTP method, such as {@code GET}
 * @param path the percent-decoded request path
 * @param rawPath the request path as sent, still percent-encoded
 * @param query the raw query string without the {@code ?}, or {@code null} when there was
 * none
 * @param headers the request headers by lowercase name, each with its values in the order
 * received
 * @param body the request body decoded as UTF-8, empty when there was none
 * @param receivedAt the wall-clock time the emulator started reading the request
 * @param receivedNanos the {@link System#nanoTime()} value at that moment, for measuring
 * intervals between requests
 * @since 0.1.0
 */
public record RecordedRequest(String method, String path, String rawPath, @Nullable String query,
		Map<String, List<String>> headers, String body, Instant receivedAt, long receivedNanos) {

	/**
	 * Creates a record with an unmodifiable copy of the headers, keyed by lowercase name.
	 * @param method the HTTP method
	 * @param path the percent-decoded request path
	 * @param rawPath the request path as sent
	 * @param query the raw query string, or {@code null}
	 * @param headers the request headers
	 * @param body the request body
	 * @param receivedAt the wall-clock time the request arrived
	 * @param receivedNanos the {@link System#nanoTime()} value when the request arrived
	 */
	public RecordedRequest {
		Map<String, List<String>> lowercase = new TreeMap<>();
		headers.forEach(
				(name, values) -> lowercase.computeIfAbsent(name.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
					.addAll(values));
		lowercase.replaceAll((name, values) -> List.copyOf(values));
		headers = Collections.unmodifiableMap(lowercase);
	}

	/**
	 * Returns the first value of the given header.
	 * @param name the header name in any case
	 * @return the first value, or {@code null} when the header was not sent
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Returns the value of the given query parameter, percent-decoded.
	 * @param name the parameter name
	 * @return the first value, or {@code null} when the parameter was not sent
	 */
	public @Nullable String queryParameter(String name) {
		return UriText.queryParameter(this.query, name);
	}

}
