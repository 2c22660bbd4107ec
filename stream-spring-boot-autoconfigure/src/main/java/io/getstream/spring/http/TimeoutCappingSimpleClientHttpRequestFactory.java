package io.getstream.spring.http;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.SimpleClientHttpRequestFactory;

/**
 * {@link SimpleClientHttpRequestFactory} (HttpURLConnection) whose connect and read
 * timeouts are capped by {@link RequestTimeouts}.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public class TimeoutCappingSimpleClientHttpRequestFactory extends SimpleClientHttpRequestFactory {

	private final @Nullable Duration connectTimeout;

	private final @Nullable Duration readTimeout;

	/**
	 * Creates a factory with the given timeouts.
	 * @param connectTimeout the connect timeout, or {@code null} for the JDK default
	 * @param readTimeout the read timeout, or {@code null} for the JDK default
	 */
	public TimeoutCappingSimpleClientHttpRequestFactory(@Nullable Duration connectTimeout,
			@Nullable Duration readTimeout) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
	}

	@Override
	protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
		super.prepareConnection(connection, httpMethod);
		Duration connect = RequestTimeouts.cap(this.connectTimeout);
		if (connect != null) {
			connection.setConnectTimeout(RequestTimeouts.toMillis(connect));
		}
		Duration read = RequestTimeouts.cap(this.readTimeout);
		if (read != null) {
			connection.setReadTimeout(RequestTimeouts.toMillis(read));
		}
	}

}
