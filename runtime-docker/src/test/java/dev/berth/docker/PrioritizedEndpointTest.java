package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Link;
import org.junit.jupiter.api.Test;

/** The endpoint settings sent on API 1.48 and later carry GwPriority beside docker-java's own fields. */
class PrioritizedEndpointTest {
  @Test
  void serializesTheGatewayPriorityWithAliasesAndLinks() throws Exception {
    PrioritizedEndpoint endpoint = new PrioritizedEndpoint(7);
    endpoint.withAliases("web").withLinks(new Link("demo-db-1", "database"));
    JsonNode json = new ObjectMapper().valueToTree(endpoint);
    assertEquals(7, json.path("GwPriority").asInt());
    assertEquals("web", json.path("Aliases").path(0).asText());
    assertEquals("demo-db-1:database", json.path("Links").path(0).asText());
  }
}
