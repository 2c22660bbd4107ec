package io.getstream.spring.test;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Decoding of request paths and query strings.
 */
final class UriText {

	private UriText() {
	}

	/**
	 * Percent-decodes one path segment as UTF-8. A {@code +} stays a plus sign, unlike in
	 * a query string.
	 * @param segment the raw segment
	 * @return the decoded text, or {@code null} when the segment contains an invalid
	 * escape
	 */
	static @Nullable String decodePathSegment(String segment) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
		int i = 0;
		while (i < segment.length()) {
			int percent = segment.indexOf('%', i);
			int end = (percent >= 0) ? percent : segment.length();
			bytes.writeBytes(segment.substring(i, end).getBytes(StandardCharsets.UTF_8));
			if (percent < 0) {
				break;
			}
			if (percent + 2 >= segment.length()) {
				return null;
			}
			int high = Character.digit(segment.charAt(percent + 1), 16);
			int low = Character.digit(segment.charAt(percent + 2), 16);
			if (high < 0 || low < 0) {
				return null;
			}
			bytes.write((high << 4) | low);
			i = percent + 3;
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Returns the first value of a query parameter, decoded as a form value.
	 * @param query the raw query string, or {@code null}
	 * @param name the parameter name
	 * @return the decoded value, or {@code null} when the parameter is absent
	 */
	static @Nullable String queryParameter(@Nullable String query, String name) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String key = (equals >= 0) ? pair.substring(0, equals) : pair;
			if (decodeQueryText(key).equals(name)) {
				return (equals >= 0) ? decodeQueryText(pair.substring(equals + 1)) : "";
			}
		}
		return null;
	}

	private static String decodeQueryText(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}
