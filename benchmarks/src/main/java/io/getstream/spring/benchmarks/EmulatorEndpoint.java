package io.getstream.spring.benchmarks;

import java.net.URI;

/**
 * Address and credentials of a running Stream emulator.
 *
 * @param baseUrl the base URL, {@code http://127.0.0.1:PORT}
 * @param apiKey the API key that requests must send
 * @param apiSecret the API secret that signs request tokens
 */
record EmulatorEndpoint(String baseUrl, String apiKey, String apiSecret) {

	/**
	 * Creates an endpoint, checking that the base URL is on the loopback address.
	 * @throws IllegalArgumentException if the base URL is not
	 * {@code http://127.0.0.1:PORT}
	 */
	EmulatorEndpoint {
		URI uri = URI.create(baseUrl);
		if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost()) || uri.getPort() < 1) {
			throw new IllegalArgumentException("Invalid emulator base URL '" + baseUrl
					+ "': the benchmarks only send requests to an emulator on http://127.0.0.1:PORT");
		}
	}

	@Override
	public String toString() {
		return "EmulatorEndpoint[baseUrl=" + this.baseUrl + ", apiKey=" + this.apiKey + ", apiSecret=******]";
	}

}
