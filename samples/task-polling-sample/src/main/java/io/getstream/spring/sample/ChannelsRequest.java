package io.getstream.spring.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ResponseStatusException;

/**
 * Request body that names the channels of an export or a delete, such as {@code {"cids":
 * ["messaging:general"]}}.
 *
 * @param cids the channel cids, each {@code type:id}
 * @author Stream Spring Boot contributors
 */
record ChannelsRequest(@Nullable List<String> cids) {

	/**
	 * Returns the cids after checking that there are 1 to {@code maxCount} of them and
	 * none is blank. Stream checks the {@code type:id} form itself.
	 * @param maxCount the largest number of cids the operation accepts
	 * @return the cids
	 * @throws ResponseStatusException with status 400 when the check fails
	 */
	List<String> requireCids(int maxCount) {
		List<String> cids = this.cids;
		if (cids == null || cids.isEmpty() || cids.size() > maxCount) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Invalid cids: pass 1 to " + maxCount
					+ " channel cids, such as {\"cids\": [\"messaging:general\"]}");
		}
		for (String cid : cids) {
			if (!StringUtils.hasText(cid)) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"Invalid cids: each cid must be a non-blank channel cid such as messaging:general");
			}
		}
		return List.copyOf(cids);
	}

}
