package io.getstream.spring.sample;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.getstream.spring.StreamApiException;
import io.getstream.spring.StreamException;
import io.getstream.spring.StreamTransportException;
import io.getstream.spring.autoconfigure.StreamProperties;
import io.getstream.spring.http.StreamAuthInterceptor;
import io.getstream.spring.http.StreamServerToken;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Client for the Stream endpoints that start channel tasks, ExportChannels and
 * DeleteChannels. Each call returns the id of the task that Stream started, and the
 * {@link io.getstream.spring.tasks.TaskPoller} waits for it.
 * <p>
 * Requests carry the same authentication as the poller's: the {@code api_key} query
 * parameter and a server token signed with the API secret.
 *
 * @author Stream Spring Boot contributors
 */
@Component
class StreamChannelClient {

	static final String EXPORT_CHANNELS_PATH = "/api/v2/chat/export_channels";

	static final String DELETE_CHANNELS_PATH = "/api/v2/chat/channels/delete";

	private static final int MAX_BODY_EXCERPT = 512;

	private final RestClient restClient;

	private final JsonMapper jsonMapper;

	StreamChannelClient(RestClient.Builder restClientBuilder, StreamProperties properties, JsonMapper jsonMapper) {
		UriComponentsBuilder baseUri = UriComponentsBuilder.fromUriString(properties.getBaseUrl())
			.queryParam("api_key", properties.getApiKey());
		this.restClient = restClientBuilder.uriBuilderFactory(new DefaultUriBuilderFactory(baseUri))
			.defaultHeader("Accept", MediaType.APPLICATION_JSON_VALUE)
			.requestInterceptor(new StreamAuthInterceptor(new StreamServerToken(properties.getApiSecret())))
			.build();
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Starts an export of the given channels. The completed task's result contains the
	 * {@code url} of the export file.
	 * @param cids the channel cids, such as {@code messaging:general}
	 * @return the task id
	 */
	String exportChannels(List<String> cids) {
		List<Map<String, String>> channels = cids.stream().map((cid) -> Map.of("cid", cid)).toList();
		return startTask("ExportChannels", EXPORT_CHANNELS_PATH, Map.of("channels", channels));
	}

	/**
	 * Starts a hard delete of the given channels, which also deletes their messages. The
	 * completed task's result maps each cid to {@code {"status": "ok"}}.
	 * @param cids the channel cids, 1 to 100
	 * @return the task id
	 */
	String hardDeleteChannels(List<String> cids) {
		return startTask("DeleteChannels", DELETE_CHANNELS_PATH, Map.of("cids", cids, "hard_delete", true));
	}

	private String startTask(String operation, String path, Map<String, Object> body) {
		TaskStarted started;
		try {
			started = this.restClient.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.body(body)
				.retrieve()
				.body(TaskStarted.class);
		}
		catch (RestClientResponseException ex) {
			throw apiException(operation, ex);
		}
		catch (ResourceAccessException ex) {
			throw new StreamTransportException(transportErrorType(ex), operation + " request to Stream failed", ex);
		}
		if (started == null || !StringUtils.hasText(started.taskId())) {
			throw new StreamException(operation + " response from Stream has no task_id", null);
		}
		return started.taskId();
	}

	private StreamApiException apiException(String operation, RestClientResponseException ex) {
		String rawBody = ex.getResponseBodyAsString(StandardCharsets.UTF_8);
		String excerpt = (rawBody.length() > MAX_BODY_EXCERPT) ? rawBody.substring(0, MAX_BODY_EXCERPT) : rawBody;
		JsonNode error = readObject(rawBody);
		Integer code = (error != null && error.path("code").isInt()) ? error.path("code").intValue() : null;
		String message = (error != null && error.path("message").isString()) ? error.path("message").stringValue()
				: operation + " failed with HTTP " + ex.getStatusCode().value();
		return new StreamApiException(ex.getStatusCode().value(), code, message, null, Map.of(), false, excerpt, null);
	}

	private @Nullable JsonNode readObject(String body) {
		try {
			JsonNode node = this.jsonMapper.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			// Gateways in front of Stream return some errors with plain text or HTML.
			return null;
		}
	}

	private static String transportErrorType(ResourceAccessException ex) {
		if (ex.getCause() instanceof ConnectException) {
			return StreamTransportException.CONNECTION_REFUSED;
		}
		if (ex.getCause() instanceof SocketTimeoutException) {
			return StreamTransportException.REQUEST_TIMEOUT;
		}
		return StreamTransportException.UNKNOWN;
	}

	/**
	 * Response of an operation that starts a task.
	 *
	 * @param taskId the id of the started task
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record TaskStarted(@JsonProperty("task_id") @Nullable String taskId) {

	}

}
