package io.getstream.spring.benchmarks;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Clients whose per-poll cost the benchmarks compare.
 */
enum ClientKind {

	/**
	 * The starter's client with Apache HttpClient 5, the default when httpclient5 is on
	 * the class path (the starter brings it).
	 */
	STARTER_HTTP_COMPONENTS("starter-http-components",
			"starter RestClient + HttpComponentsClientHttpRequestFactory (Apache HttpClient 5)"),

	/**
	 * The starter's client with the JDK's HttpURLConnection, the default without
	 * httpclient5.
	 */
	STARTER_SIMPLE("starter-simple", "starter RestClient + SimpleClientHttpRequestFactory (HttpURLConnection)"),

	/**
	 * The starter's client with Boot's request factory set to the JDK HttpClient.
	 */
	STARTER_JDK("starter-jdk", "starter RestClient + JdkClientHttpRequestFactory (JDK HttpClient)"),

	/**
	 * Stream's official Java client.
	 */
	OFFICIAL_SDK("official-sdk", "stream-sdk-java 4.1.1 getTask(id).execute() (OkHttp 4.12 + Jackson 2)");

	private final String id;

	private final String description;

	ClientKind(String id, String description) {
		this.id = id;
		this.description = description;
	}

	String id() {
		return this.id;
	}

	String description() {
		return this.description;
	}

	/**
	 * Creates the client.
	 * @param endpoint the emulator to poll
	 * @param taskId the task to poll
	 * @return the client
	 */
	PollClient create(EmulatorEndpoint endpoint, String taskId) {
		return switch (this) {
			case STARTER_HTTP_COMPONENTS ->
				new StarterPollClient(endpoint, taskId, "stream.http.request-factory=http-components");
			case STARTER_SIMPLE -> new StarterPollClient(endpoint, taskId, "stream.http.request-factory=simple");
			case STARTER_JDK -> new StarterPollClient(endpoint, taskId, "stream.http.request-factory=boot",
					"spring.http.clients.imperative.factory=jdk");
			case OFFICIAL_SDK -> new OfficialSdkPollClient(endpoint, taskId);
		};
	}

	/**
	 * Returns the client with the given id.
	 * @param id the id, such as {@code starter-simple}
	 * @return the client kind
	 * @throws IllegalArgumentException if no client has that id
	 */
	static ClientKind of(String id) {
		for (ClientKind kind : values()) {
			if (kind.id.equals(id)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown client '" + id + "'. Use one of "
				+ Arrays.stream(values()).map(ClientKind::id).collect(Collectors.joining(", ")));
	}

}
