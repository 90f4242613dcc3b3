package dev.taskregistry.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.adapters.redis.DocumentInstants;
import dev.taskregistry.adapters.redis.TaskDocumentCodec;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the Redis adapter's own CPU goes, without any I/O: encoding and decoding one stored document
 * (a running task), and its parts: Jackson's tree parse alone, and one instant read the adapter's way
 * ({@code DocumentInstants.parse}) against the JDK's general {@link Instant#parse}. Explains the gap between the adapter
 * and raw Jedis measured by {@link RedisAdapterBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
@State(Scope.Benchmark)
public class RedisCodecBenchmark {

    private final ObjectMapper plainMapper = new ObjectMapper();
    final TaskDocumentCodec codec = new TaskDocumentCodec();
    Task task;
    String document;
    String instant;

    @Setup
    public void setUp() {
        Instant now = Clock.systemUTC().instant();
        task = BenchmarkTasks.inStatus(BenchmarkTasks.pending("codec-1", now), TaskStatus.RUNNING, now);
        document = codec.encode(task);
        instant = DocumentInstants.format(task.createdAt());
        if (!codec.decode(document).orElseThrow().equals(task)
                || !Instant.parse(instant).equals(task.createdAt())
                || !DocumentInstants.parse(instant).equals(task.createdAt())) {
            throw new IllegalStateException("the codec does not read back what it wrote");
        }
    }

    @Benchmark
    public Optional<Task> decodeDocument() {
        return codec.decode(document);
    }

    @Benchmark
    public String encodeDocument() {
        return codec.encode(task);
    }

    @Benchmark
    public JsonNode jacksonTreeOnly() throws JsonProcessingException {
        return plainMapper.readTree(document);
    }

    @Benchmark
    public Instant instantTheAdaptersWay() {
        return DocumentInstants.parse(instant);
    }

    @Benchmark
    public Instant instantParse() {
        return Instant.parse(instant);
    }
}
