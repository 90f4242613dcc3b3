package dev.taskregistry.bootstrap;

import io.helidon.microprofile.testing.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

/** The change feed over HTTP on the in-memory store. */
@HelidonTest
@AddConfig(key = "taskregistry.feed.heartbeat", value = "PT1S")
class InMemoryEventStreamApiTest extends EventStreamApiContract {}
