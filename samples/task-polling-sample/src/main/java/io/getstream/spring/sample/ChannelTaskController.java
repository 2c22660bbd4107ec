package io.getstream.spring.sample;

import java.net.URI;

import io.getstream.spring.tasks.Task;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Endpoints that start Stream channel tasks: {@code POST /exports} responds when the
 * export has ended, {@code POST /channels/delete} responds {@code 202 Accepted} at once
 * and {@code GET /tasks/{id}} shows how the background wait went.
 *
 * @author Stream Spring Boot contributors
 */
@RestController
class ChannelTaskController {

	/**
	 * Largest number of cids that Stream's DeleteChannels accepts.
	 */
	static final int MAX_DELETE_CIDS = 100;

	private final ChannelTaskService channelTaskService;

	ChannelTaskController(ChannelTaskService channelTaskService) {
		this.channelTaskService = channelTaskService;
	}

	@PostMapping("/exports")
	Task exportChannels(@RequestBody ChannelsRequest request) {
		return this.channelTaskService.exportChannels(request.requireCids(Integer.MAX_VALUE));
	}

	@PostMapping("/channels/delete")
	ResponseEntity<BackgroundWait> hardDeleteChannels(@RequestBody ChannelsRequest request) {
		String taskId = this.channelTaskService.hardDeleteChannels(request.requireCids(MAX_DELETE_CIDS));
		URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/tasks/{id}")
			.buildAndExpand(taskId)
			.toUri();
		return ResponseEntity.accepted().location(location).body(BackgroundWait.pending(taskId));
	}

	@GetMapping("/tasks/{taskId}")
	BackgroundWait getBackgroundWait(@PathVariable String taskId) {
		BackgroundWait wait = this.channelTaskService.getBackgroundWait(taskId);
		if (wait == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No background wait for task '" + taskId
							+ "': only tasks started with POST /channels/delete are tracked, the latest "
							+ ChannelTaskService.MAX_BACKGROUND_WAITS);
		}
		return wait;
	}

}
