package io.getstream.spring.tasks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

import io.getstream.spring.StreamApiException;
import io.getstream.spring.http.RequestTimeouts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Reads one task with one {@code GET /api/v2/tasks/{id}} request, turning every response
 * into a {@link Task} or a typed {@link io.getstream.spring.StreamException}.
 * <p>
 * The {@link RestClient} must carry the base URL with the {@code api_key} query parameter
 * and Stream's authentication headers, as the auto-configuration sets up.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public class StreamTaskClient implements DisposableBean {

	/**
	 * URI template of the GetTask endpoint, also used as the {@code uri} tag of the
	 * {@code http.client.requests} metric.
	 */
	public static final String TASK_PATH = "/api/v2/tasks/{id}";

	/**
	 * Maximum length of a task id. Stream's ids are 36-character UUIDs.
	 */
	public static final int MAX_TASK_ID_LENGTH = 256;

	/**
	 * Largest response body read, in bytes. Task results hold at most a few hundred ids,
	 * and exports return a URL rather than the data.
	 */
	public static final int MAX_BODY_SIZE = 8 * 1024 * 1024;

	private static final Log logger = LogFactory.getLog(StreamTaskClient.class);

	private final RestClient restClient;

	private final @Nullable DisposableBean resources;

	/**
	 * Creates a client that sends requests through the given RestClient.
	 * @param restClient the RestClient set up for Stream's API
	 */
	public StreamTaskClient(RestClient restClient) {
		this(restClient, null);
	}

	/**
	 * Creates a client that sends requests through the given RestClient and destroys the
	 * given resources, such as the HTTP client's connection pool, when it is destroyed.
	 * @param restClient the RestClient set up for Stream's API
	 * @param resources the resources to destroy with this client, or {@code null}
	 */
	public StreamTaskClient(RestClient restClient, @Nullable DisposableBean resources) {
		this.restClient = restClient;
		this.resources = resources;
	}

	/**
	 * Destroys the resources given at construction.
	 * @throws Exception if destroying them failed
	 */
	@Override
	public void destroy() throws Exception {
		if (this.resources != null) {
			this.resources.destroy();
		}
	}

	/**
	 * Reads the task once.
	 * @param taskId the task id, checked with {@link #checkTaskId(String)}
	 * @param requestTimeout the longest time the request may take
	 * @return the task snapshot
	 * @throws StreamApiException on an HTTP error response or an unreadable body
	 * @throws io.getstream.spring.StreamTransportException when no response arrived
	 */
	public Task fetch(String taskId, Duration requestTimeout) {
		long deadlineNanos = System.nanoTime() + requestTimeout.toNanos();
		return RequestTimeouts.withTimeout(requestTimeout, () -> exchange(taskId, deadlineNanos));
	}

	private Task exchange(String taskId, long deadlineNanos) {
		try {
			return this.restClient.get()
				.uri(TASK_PATH, taskId)
				.exchange((request, response) -> read(taskId, response.getStatusCode().value(), response.getHeaders(),
						readBody(taskId, response.getStatusCode().value(), response.getBody(), deadlineNanos)));
		}
		catch (ResourceAccessException ex) {
			if (ex.getCause() instanceof IOException failure) {
				throw ErrorResponses.transportException(taskId, failure);
			}
			throw ex;
		}
	}

	/**
	 * Reads the body, checking the deadline between reads: each read is bounded by the
	 * read timeout, but a server that sends one byte at a time would never trip it.
	 */
	private static byte[] readBody(String taskId, int statusCode, InputStream body, long deadlineNanos)
			throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int read;
		while ((read = body.read(buffer)) != -1) {
			bytes.write(buffer, 0, read);
			if (bytes.size() > MAX_BODY_SIZE) {
				throw new StreamApiException(statusCode, null,
						"Stream responded to GET " + TASK_PATH + " for task '" + taskId + "' with HTTP " + statusCode
								+ " and a body larger than " + MAX_BODY_SIZE + " bytes, which was not read",
						null, Map.of(), true, "", null);
			}
			if (System.nanoTime() - deadlineNanos > 0) {
				RequestTimeouts.abandon();
				throw new SocketTimeoutException(
						"Response body of task '" + taskId + "' was not received within the time the wait had left");
			}
		}
		return bytes.toByteArray();
	}

	private Task read(String taskId, int statusCode, HttpHeaders headers, byte[] body) {
		if (statusCode < 200 || statusCode > 299) {
			StreamApiException failure = ErrorResponses.apiException(taskId, statusCode, headers, body);
			if (logger.isDebugEnabled()) {
				logger.debug("Poll of task '" + taskId + "' got HTTP " + statusCode);
			}
			throw failure;
		}
		JsonNode json = TaskJsonReader.readObject(body);
		Task task = (json != null) ? TaskJsonReader.readTask(json, taskId) : null;
		if (task == null) {
			throw ErrorResponses.apiException(taskId, statusCode, headers, body);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Poll of task '" + taskId + "' got status '" + task.status() + "'");
		}
		return task;
	}

	/**
	 * Checks a task id before any request is made.
	 * @param taskId the task id
	 * @return the task id
	 * @throws IllegalArgumentException if the id is null, blank, {@code .} or {@code ..},
	 * contains control characters, or is longer than {@value #MAX_TASK_ID_LENGTH}
	 * characters
	 */
	public static String checkTaskId(String taskId) {
		if (taskId == null || taskId.isBlank()) {
			throw new IllegalArgumentException(
					"Invalid task id '" + taskId + "': pass the non-blank task_id returned by the Stream operation");
		}
		if (taskId.equals(".") || taskId.equals("..")) {
			throw new IllegalArgumentException("Invalid task id '" + taskId
					+ "': it would be read as a relative path segment; pass the task_id returned by the Stream operation");
		}
		if (taskId.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("Invalid task id '" + taskId.replaceAll("\\p{Cntrl}", "?")
					+ "': it contains control characters; pass the task_id returned by the Stream operation");
		}
		if (taskId.length() > MAX_TASK_ID_LENGTH) {
			throw new IllegalArgumentException("Invalid task id of " + taskId.length() + " characters starting '"
					+ taskId.substring(0, 40) + "': task ids are at most " + MAX_TASK_ID_LENGTH
					+ " characters; pass the task_id returned by the Stream operation");
		}
		return taskId;
	}

}
