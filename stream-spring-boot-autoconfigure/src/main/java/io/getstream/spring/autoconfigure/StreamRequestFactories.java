package io.getstream.spring.autoconfigure;

import io.getstream.spring.autoconfigure.StreamProperties.RequestFactory;
import io.getstream.spring.http.TimeoutCappingHttpComponentsClientHttpRequestFactory;
import io.getstream.spring.http.TimeoutCappingSimpleClientHttpRequestFactory;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.ClassUtils;

/**
 * Creates the request factory behind the RestClient for Stream.
 * <p>
 * The choice decides the CPU cost of each poll: Apache HttpClient 5 and HttpURLConnection
 * cost about a sixth of the JDK HttpClient that Boot picks when no other client is on the
 * classpath. Both factories here cap each request's timeouts by the time a wait has left.
 */
final class StreamRequestFactories {

	private static final String HTTP_COMPONENTS_CLIENT = "org.apache.hc.client5.http.impl.classic.HttpClients";

	private StreamRequestFactories() {
	}

	/**
	 * Creates the configured factory.
	 * @return the factory, or {@code null} to keep the one of Boot's builder
	 */
	static @Nullable ClientHttpRequestFactory create(StreamProperties.Http http, @Nullable ClassLoader classLoader) {
		RequestFactory choice = http.getRequestFactory();
		if (choice == RequestFactory.AUTO) {
			choice = ClassUtils.isPresent(HTTP_COMPONENTS_CLIENT, classLoader) ? RequestFactory.HTTP_COMPONENTS
					: RequestFactory.SIMPLE;
		}
		return switch (choice) {
			case HTTP_COMPONENTS -> HttpComponents.create(http);
			case SIMPLE ->
				new TimeoutCappingSimpleClientHttpRequestFactory(http.getConnectTimeout(), http.getReadTimeout());
			case BOOT, AUTO -> null;
		};
	}

	/**
	 * Builds the Apache HttpClient; a separate class so that HttpClient is loaded only
	 * when it is chosen.
	 */
	private static final class HttpComponents {

		static ClientHttpRequestFactory create(StreamProperties.Http http) {
			ConnectionConfig connectionConfig = ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(http.getConnectTimeout()))
				.setValidateAfterInactivity(TimeValue.ofSeconds(2))
				.build();
			PoolingHttpClientConnectionManager connectionManager = PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(http.getMaxConnections())
				.setMaxConnPerRoute(http.getMaxConnections())
				.setDefaultConnectionConfig(connectionConfig)
				.build();
			// HttpClient's own retries would resend 429 and 503 responses outside the
			// poller's deadline and back-off, so they are off.
			CloseableHttpClient client = HttpClients.custom()
				.setConnectionManager(connectionManager)
				.disableAutomaticRetries()
				.disableRedirectHandling()
				.disableCookieManagement()
				.build();
			return new TimeoutCappingHttpComponentsClientHttpRequestFactory(client, http.getConnectTimeout(),
					http.getReadTimeout());
		}

	}

}
