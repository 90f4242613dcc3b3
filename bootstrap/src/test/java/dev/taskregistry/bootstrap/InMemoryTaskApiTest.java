package dev.taskregistry.bootstrap;

import io.helidon.microprofile.testing.junit5.HelidonTest;

/** The API contract on the default, in-memory store. */
@HelidonTest
class InMemoryTaskApiTest extends TaskApiContract {}
