package io.resourcepool.http.api;

import io.resourcepool.core.hub.Hub;
import io.resourcepool.http.agent.AgentCertificates;
import io.resourcepool.http.agent.AgentLinks;
import io.resourcepool.http.api.Route.Body;
import io.resourcepool.http.history.AggregateHistory;
import io.resourcepool.http.history.HistorySampler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Every route of the {@code /v1} API, in one table: what docs/HTTP.md and the OpenAPI document describe, and what a
 * test holds them to.
 */
public final class ApiRoutes {
    private ApiRoutes() {}

    /**
     * The API over a hub, with the sampler of the aggregate's history, which runs while the handler does.
     *
     * @param hub the running hub, whose typed front door serves every request
     * @param maxBodyBytes the largest request body accepted
     * @param heartbeat the longest silence on an output stream
     * @return the handler to mount on {@code /v1}
     */
    public static ApiHandler handler(Hub hub, int maxBodyBytes, Duration heartbeat) {
        return handler(hub, maxBodyBytes, heartbeat, Optional.empty());
    }

    /**
     * The API over a hub, serving agents too when their certificates can be checked.
     *
     * @param hub the running hub, whose typed front door serves every request
     * @param maxBodyBytes the largest request body accepted
     * @param heartbeat the longest silence on an output stream
     * @param agentCertificates what checks agents' client certificates; empty to serve no agents
     * @return the handler to mount on {@code /v1}
     */
    public static ApiHandler handler(Hub hub, int maxBodyBytes, Duration heartbeat, Optional<AgentCertificates> agentCertificates) {
        HubDoor door = new HubDoor(hub);
        AggregateHistory history = AggregateHistory.ofLastHour(() -> hub.status().aggregate());
        AgentLinks links = new AgentLinks(hub);
        ApiHandler handler = new ApiHandler(routes(door, history, new AgentEndpoints(hub, agentCertificates, links)), door,
                maxBodyBytes, heartbeat);
        handler.addBean(new HistorySampler(history), true);
        handler.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                links.close();
            }
        });
        return handler;
    }

    static List<Route> routes(HubDoor hub, AggregateHistory history, AgentEndpoints agents) {
        AuthEndpoints auth = new AuthEndpoints(hub);
        PoolEndpoints pool = new PoolEndpoints(hub);
        JobEndpoints jobs = new JobEndpoints(hub);
        OutputEndpoint output = new OutputEndpoint(hub, hub.followerBufferBytes());
        UserEndpoints users = new UserEndpoints(hub);
        JoinTokenEndpoints tokens = new JoinTokenEndpoints(hub);
        HistoryEndpoint aggregateHistory = new HistoryEndpoint(hub, history);
        MfaEndpoints mfa = new MfaEndpoints(hub);
        NodeEndpoints nodes = new NodeEndpoints(hub);
        AuditEndpoints audit = new AuditEndpoints(hub);
        OpenApiDocument openApi = OpenApiDocument.load();
        return List.of(
                Route.post("/v1/auth/login", Body.JSON, auth::login),
                Route.post("/v1/auth/refresh", Body.JSON, auth::refresh),
                Route.post("/v1/auth/logout", Body.NONE, auth::logout),
                Route.post("/v1/auth/password", Body.JSON, auth::changePassword),
                Route.post("/v1/auth/mfa", Body.JSON, mfa::setUp),
                Route.post("/v1/auth/mfa/remove", Body.JSON, mfa::remove),
                Route.get("/v1/nodes", pool::nodes),
                Route.post("/v1/nodes/{id}/drain", Body.NONE, nodes::drain),
                Route.post("/v1/nodes/{id}/undrain", Body.NONE, nodes::undrain),
                new Route("DELETE", "/v1/nodes/{id}", Body.NONE, Set.of(), nodes::remove),
                Route.get("/v1/aggregate", pool::aggregate),
                Route.get("/v1/usage", pool::usage),
                new Route("GET", "/v1/aggregate/history", Body.NONE, HistoryEndpoint.PARAMETERS, aggregateHistory::history),
                Route.post("/v1/jobs", Body.JSON, jobs::submit),
                new Route("GET", "/v1/jobs", Body.NONE, JobEndpoints.LIST_PARAMETERS, jobs::list),
                Route.get("/v1/jobs/{id}", jobs::get),
                Route.post("/v1/jobs/{id}/cancel", Body.NONE, jobs::cancel),
                Route.get("/v1/jobs/{id}/output", output::follow),
                Route.post("/v1/run", Body.JSON, jobs::run),
                Route.get("/v1/users", users::list),
                Route.post("/v1/users", Body.JSON, users::add),
                new Route("DELETE", "/v1/users/{username}", Body.NONE, Set.of(), users::remove),
                Route.post("/v1/users/{username}/role", Body.JSON, users::changeRole),
                Route.post("/v1/users/{username}/reset-password", Body.JSON, users::resetPassword),
                Route.post("/v1/users/{username}/unlock", Body.NONE, users::unlock),
                Route.post("/v1/users/{username}/revoke-sessions", Body.NONE, users::revokeSessions),
                Route.get("/v1/join-tokens", tokens::list),
                Route.post("/v1/join-tokens", Body.JSON, tokens::create),
                Route.post("/v1/join-tokens/{id}/revoke", Body.NONE, tokens::revoke),
                new Route("GET", "/v1/audit", Body.NONE, AuditEndpoints.SEARCH_PARAMETERS, audit::search),
                Route.post("/v1/audit/verify", Body.NONE, audit::verify),
                Route.post("/v1/agents/enrol", Body.JSON, agents::enrol),
                Route.post("/v1/agents/heartbeat", Body.JSON, agents::heartbeat),
                Route.post("/v1/agents/renew", Body.JSON, agents::renew),
                new Route("GET", "/v1/agents/work", Body.NONE, AgentEndpoints.WORK_PARAMETERS, agents::work),
                Route.post("/v1/agents/jobs/{id}/output", Body.JSON, agents::output),
                Route.post("/v1/agents/jobs/{id}/result", Body.JSON, agents::result),
                Route.get("/v1/openapi.json", openApi::serve));
    }
}
