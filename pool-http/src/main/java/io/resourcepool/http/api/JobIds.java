package io.resourcepool.http.api;

import io.resourcepool.api.JobId;
import io.resourcepool.http.server.Problems;

/** The job a path names: an id that is not a UUID names no job (404), as an unknown one does. */
final class JobIds {
    private JobIds() {}

    static JobId of(ApiCall call) {
        String text = call.pathParameter("id");
        try {
            return JobId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.notFound("no job has that id; job ids are UUIDs"));
        }
    }

    static String location(JobId id) {
        return "/v1/jobs/" + id;
    }
}
