package io.getstream.spring.http;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds Stream's server-side authentication headers to each request: the raw JWT in
 * {@code Authorization} (no {@code Bearer} prefix), {@code stream-auth-type: jwt} and
 * {@code X-Stream-Client}. The {@code api_key} query parameter is added by the
 * RestClient's base URI.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public class StreamAuthInterceptor implements ClientHttpRequestInterceptor {

	/**
	 * Value of the {@code X-Stream-Client} header.
	 */
	public static final String CLIENT_NAME = "stream-spring-boot-" + Version.current();

	private final StreamServerToken token;

	/**
	 * Creates an interceptor that signs requests with the given token source.
	 * @param token the server token source
	 */
	public StreamAuthInterceptor(StreamServerToken token) {
		this.token = token;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		request.getHeaders().set("Authorization", this.token.token());
		request.getHeaders().set("stream-auth-type", "jwt");
		request.getHeaders().set("X-Stream-Client", CLIENT_NAME);
		return execution.execute(request, body);
	}

}
