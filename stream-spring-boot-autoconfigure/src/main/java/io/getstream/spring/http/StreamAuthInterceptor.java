package io.getstream.spring.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Adds Stream's server-side authentication to each request: the {@code api_key} query
 * parameter, the raw JWT in {@code Authorization} (no {@code Bearer} prefix),
 * {@code stream-auth-type: jwt} and {@code X-Stream-Client}.
 * <p>
 * The API key is added here rather than in the URI template, so that the {@code uri} tag
 * of Boot's {@code http.client.requests} metric stays {@code /api/v2/tasks/{id}}.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public class StreamAuthInterceptor implements ClientHttpRequestInterceptor {

	/**
	 * Value of the {@code X-Stream-Client} header.
	 */
	public static final String CLIENT_NAME = "stream-spring-boot-" + Version.current();

	private final @Nullable String encodedApiKey;

	private final StreamServerToken token;

	/**
	 * Creates an interceptor that adds the API key and signs requests with the given
	 * token source.
	 * @param apiKey the app's API key
	 * @param token the server token source
	 */
	public StreamAuthInterceptor(String apiKey, StreamServerToken token) {
		this.encodedApiKey = UriUtils.encodeQueryParam(apiKey, StandardCharsets.UTF_8);
		this.token = token;
	}

	/**
	 * Creates an interceptor that signs requests with the given token source and leaves
	 * the {@code api_key} query parameter to the caller.
	 * @param token the server token source
	 */
	public StreamAuthInterceptor(StreamServerToken token) {
		this.encodedApiKey = null;
		this.token = token;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		HttpRequest signed = (this.encodedApiKey != null) ? withApiKey(request, this.encodedApiKey) : request;
		signed.getHeaders().set("Authorization", this.token.token());
		signed.getHeaders().set("stream-auth-type", "jwt");
		signed.getHeaders().set("X-Stream-Client", CLIENT_NAME);
		return execution.execute(signed, body);
	}

	private static HttpRequest withApiKey(HttpRequest request, String encodedApiKey) {
		URI uri = UriComponentsBuilder.fromUri(request.getURI())
			.queryParam("api_key", encodedApiKey)
			.build(true)
			.toUri();
		return new HttpRequestWrapper(request) {

			@Override
			public URI getURI() {
				return uri;
			}

		};
	}

}
