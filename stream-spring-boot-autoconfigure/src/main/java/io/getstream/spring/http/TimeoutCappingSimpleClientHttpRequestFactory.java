package io.getstream.spring.http;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.SimpleClientHttpRequestFactory;

/**
 * {@link SimpleClientHttpRequestFactory} (HttpURLConnection) whose connect and read
 * timeouts are capped by {@link RequestTimeouts}, and which does not follow redirects.
 * <p>
 * NOTE: a request is not aborted when its timeout passes, because
 * {@code HttpURLConnection.disconnect()} drains a keep-alive body rather than close the
 * socket. {@link io.getstream.spring.tasks.StreamTaskClient} checks the time left between
 * body reads instead; a server that sends its headers one byte at a time can still hold a
 * request open.
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
		// A redirect could lead to another origin, whose response would be taken for
		// Stream's. A 3xx is reported as an error instead.
		connection.setInstanceFollowRedirects(false);
		RequestTimeouts.onAbandon(connection::disconnect);
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
