package io.getstream.spring.http;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * {@link HttpComponentsClientHttpRequestFactory} (Apache HttpClient 5) whose connect,
 * pool-lease and response timeouts are capped by {@link RequestTimeouts}, and whose
 * requests are aborted when that timeout passes.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public class TimeoutCappingHttpComponentsClientHttpRequestFactory extends HttpComponentsClientHttpRequestFactory {

	private final @Nullable Duration connectTimeout;

	private final @Nullable Duration readTimeout;

	/**
	 * Creates a factory for the given client.
	 * @param httpClient the client, with automatic retries disabled so that retries stay
	 * under the poller's deadline and back-off
	 * @param connectTimeout the connect timeout, or {@code null} for the client's
	 * @param readTimeout the response timeout, or {@code null} for the client's
	 */
	public TimeoutCappingHttpComponentsClientHttpRequestFactory(HttpClient httpClient,
			@Nullable Duration connectTimeout, @Nullable Duration readTimeout) {
		super(httpClient);
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
	}

	@Override
	protected void postProcessHttpRequest(ClassicHttpRequest request) {
		if (request instanceof Cancellable cancellable) {
			RequestTimeouts.onTimeout(cancellable::cancel);
		}
	}

	@Override
	@SuppressWarnings("deprecation") // RequestConfig's connect timeout is deprecated but
										// still applied per request
	protected HttpContext createHttpContext(HttpMethod httpMethod, URI uri) {
		RequestConfig.Builder config = RequestConfig.custom();
		Duration connect = RequestTimeouts.cap(this.connectTimeout);
		if (connect != null) {
			config.setConnectTimeout(RequestTimeouts.toMillis(connect), TimeUnit.MILLISECONDS);
			config.setConnectionRequestTimeout(RequestTimeouts.toMillis(connect), TimeUnit.MILLISECONDS);
		}
		Duration read = RequestTimeouts.cap(this.readTimeout);
		if (read != null) {
			config.setResponseTimeout(RequestTimeouts.toMillis(read), TimeUnit.MILLISECONDS);
		}
		HttpClientContext context = HttpClientContext.create();
		context.setRequestConfig(config.build());
		return context;
	}

}
