import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what Switchboard adds to a provider's own latency on {@code GET /v1/numbers/available}: started by
 * {@code bench/run}, which builds the service and finds a JDK 21+. One file, run by Java's source launcher, in two
 * roles: {@code emulator} (a Twilio stand-in answering after a fixed latency, in its own process) and the driver
 * (everything else: starts the emulator and the service, drives load with wrk in a third process, prints figures).
 */
public class Bench {

    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "f00dbabe0123456789abcdef5ec12e7a";
    static final String ADMIN_TOKEN = "bench-admin-token";
    static final int PAGE = 20;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("emulator")) {
            Emulator.main(args);
        } else {
            new Driver(Options.parse(args)).run();
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    record Options(boolean quick, int latencyMs, List<Integer> concurrencies, int seconds, int warmupSeconds,
            int burst, Path jar, String serviceJavaOptions, Path results, int instances, List<String> serviceArguments) {

        /** Half the warm-up unit at the emulator directly; through the service, one at 64 and two at the load. */
        int warmupTotalSeconds() {
            return warmupSeconds / 2 + warmupSeconds + warmupSeconds * 2;
        }

        static Options parse(String[] args) {
            boolean quick = false;
            int latency = 100;
            List<Integer> concurrencies = null;
            Integer seconds = null;
            Integer burst = null;
            // null: the service starts the shipped way, bin/switchboard; --jar PATH starts that jar with java -jar
            Path jar = null;
            // A bounded heap, as in production (the Dockerfile gives it half the container): without one, the JVM
            // takes a quarter of the machine's memory and the peak resident memory measures the machine, not us.
            String javaOptions = System.getenv().getOrDefault("BENCH_SERVICE_JAVA_OPTS", "-Xmx512m");
            Path results = null;
            int instances = 1;
            List<String> serviceArguments = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--latency-ms" -> latency = Integer.parseInt(args[++i]);
                    case "--concurrency" -> concurrencies = java.util.Arrays.stream(args[++i].split(","))
                            .map(String::trim).map(Integer::parseInt).toList();
                    case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                    case "--burst" -> burst = Integer.parseInt(args[++i]);
                    case "--jar" -> jar = Path.of(args[++i]);
                    case "--service-java-opts" -> javaOptions = args[++i];
                    case "--results" -> results = Path.of(args[++i]);
                    case "--instances" -> instances = Integer.parseInt(args[++i]);
                    case "--service-arg" -> serviceArguments.add(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --quick, --latency-ms N, --concurrency 1,64,512, --seconds N, --burst N, "
                            + "--jar PATH, --service-java-opts '...', --results FILE.md, --instances N, --service-arg --spring.x=y)");
                }
            }
            if (concurrencies == null) {
                concurrencies = quick ? List.of(1, 64, 512) : List.of(1, 64, 512, 2048);
            }
            if (instances < 1 || instances > 8) {
                throw new IllegalArgumentException("--instances must be 1 to 8; got " + instances);
            }
            return new Options(quick, latency, concurrencies, seconds != null ? seconds : quick ? 10 : 30,
                    quick ? 20 : 30, burst != null ? burst : 512, jar, javaOptions, results, instances,
                    List.copyOf(serviceArguments));
        }
    }

    /** One load run's figures, as wrk measured them. */
    record Load(double rps, double p50Ms, double p99Ms, long errors) {}

    static final class Driver {
        private final Options options;
        private final Path work;
        private final List<Process> started = new ArrayList<>();
        private final List<Process> switchboards = new ArrayList<>();
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        private int run;

        Driver(Options options) throws IOException {
            this.options = options;
            this.work = Files.createTempDirectory("switchboard-bench");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(Process::destroyForcibly)));
        }

        void run() throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            Instant began = Instant.now();

            int emulatorPort = freePort();
            Process emulator = start("emulator", List.of(java, "-XX:+UseSerialGC", "-Xmx256m",
                    Path.of(System.getProperty("bench.source", "bench/Bench.java")).toString(), "emulator",
                    "--port", Integer.toString(emulatorPort), "--latency-ms", Integer.toString(options.latencyMs)));
            String emulatorUrl = "http://127.0.0.1:" + emulatorPort;
            awaitUp(URI.create(emulatorUrl + "/bench/stats"), emulator, Duration.ofSeconds(60));

            // One instance: the embedded database, as a user's first start. Several: they must share a database and a
            // Redis, as in production (README, "Running several instances"): a throwaway PostgreSQL database on the
            // machine's server and a redis-server of the bench's own on a free port.
            List<String> shared = new ArrayList<>();
            Map<String, String> environment = new HashMap<>();
            if (options.instances > 1) {
                shared.addAll(sharedState(java));
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                environment.put("SWITCHBOARD_SECRET_KEY", Base64.getEncoder().encodeToString(key));
            }
            List<Integer> servicePorts = new ArrayList<>();
            List<Instant> launches = new ArrayList<>();
            for (int i = 1; i <= options.instances; i++) {
                int servicePort = freePort();
                servicePorts.add(servicePort);
                // the shipped start (bin/switchboard, prepared by bench/run beforehand, so its class cache exists), or
                // a jar given with --jar started plainly
                List<String> service = new ArrayList<>();
                if (options.jar == null) {
                    service.add("bin/switchboard");
                } else {
                    service.add(java);
                    if (!options.serviceJavaOptions.isBlank()) {
                        service.addAll(List.of(options.serviceJavaOptions.trim().split("\\s+")));
                    }
                    service.addAll(List.of("-jar", options.jar.toString()));
                }
                service.addAll(List.of("--server.port=" + servicePort,
                        "--switchboard.data-dir=" + work.resolve("data-" + i),
                        "--switchboard.admin-token=" + ADMIN_TOKEN,
                        // every search comes with the bench's one API key, thousands a second: a budget that never
                        // binds, so the bench measures the search and not the shipped 20 requests a second per key
                        "--switchboard.rate-limit.per-key-per-second=100000000",
                        // likewise the provider account's budget (calls a second across the instances): the bench's
                        // distinct searches are all on one Twilio account
                        "--switchboard.providers.twilio.max-calls-per-second=100000000",
                        "--switchboard.providers.twilio.base-url=" + emulatorUrl));
                service.addAll(shared);
                service.addAll(options.serviceArguments);
                launches.add(Instant.now());
                switchboards.add(start(options.instances == 1 ? "service" : "service-" + i, service, environment));
            }
            List<String> serviceUrls = servicePorts.stream().map(port -> "http://127.0.0.1:" + port).toList();
            String serviceUrl = serviceUrls.getFirst();
            // cold start: from the launch to the first answer (liveness, no database query), and the CPU used by
            // then; of several instances started together, the slowest
            long coldStartMs = 0;
            long coldStartCpuMs = 0;
            for (int i = 0; i < options.instances; i++) {
                Process switchboard = switchboards.get(i);
                awaitUp(URI.create(serviceUrls.get(i) + "/actuator/health/liveness"), switchboard,
                        Duration.ofSeconds(180), Duration.ofMillis(10));
                coldStartMs = Math.max(coldStartMs, Duration.between(launches.get(i), Instant.now()).toMillis());
                coldStartCpuMs = Math.max(coldStartCpuMs, cpuNanos(switchboard.pid()) / 1_000_000);
            }
            System.out.printf(Locale.ROOT, "Cold start to the first answer: %d ms, %d ms of CPU%n", coldStartMs,
                    coldStartCpuMs);
            for (int i = 0; i < options.instances; i++) {
                awaitUp(URI.create(serviceUrls.get(i) + "/actuator/health/readiness"), switchboards.get(i),
                        Duration.ofSeconds(180), Duration.ofMillis(250));
            }

            String apiKey = field(post(serviceUrl + "/admin/v1/users", ADMIN_TOKEN,
                    "{\"email\": \"bench@example.com\"}"), "api_key");
            String connection = field(post(serviceUrl + "/v1/account_connections/create", apiKey,
                    "{\"type\": \"account_connection_twilio\", \"label\": \"bench\", \"credentials\": "
                            + "{\"twilio_account_sid\": \"" + ACCOUNT_SID + "\", \"twilio_auth_token\": \""
                            + AUTH_TOKEN + "\"}}"), "id");

            Target direct = new Target("direct", List.of(emulatorUrl),
                    "/2010-04-01/Accounts/" + ACCOUNT_SID + "/AvailablePhoneNumbers/US/Local.json?AreaCode=%s"
                            + "&Contains=%s&PageSize=" + (PAGE + 1),
                    "Basic " + Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN)
                            .getBytes(StandardCharsets.UTF_8)));
            Target through = new Target("service", serviceUrls,
                    "/v1/numbers/available?telephony_provider=twilio&telephony_account_connection=" + connection
                            + "&limit=" + PAGE + "&filters=%%7B%%22area_code%%22%%3A%%22%s%%22%%2C%%22contains"
                            + "%%22%%3A%%22%s%%22%%7D",
                    "Bearer " + apiKey);
            check(direct);
            check(through);

            // The JIT compiles the service's hot paths in the first tens of thousands of requests: measured after.
            // First at 64 concurrent, where its compiler threads have CPU to spare (straight at 512 they share two
            // cores with eight carrier threads, and 512 took over a minute to settle), then at the load measured (up
            // to 512 concurrent): what the JIT compiles, and how, follows what it has seen last.
            int warmupConcurrency = options.concurrencies.stream().filter(c -> c <= 512).max(Integer::compare)
                    .map(c -> Math.max(c, 64)).orElse(512);
            System.out.printf(Locale.ROOT, "Warming up (%d s; the service at 64, then %d concurrent)%n",
                    options.warmupTotalSeconds(), warmupConcurrency);
            wrk(direct, 64, options.warmupSeconds / 2);
            wrk(through, 64, options.warmupSeconds);
            wrk(through, warmupConcurrency, options.warmupSeconds * 2);
            Settled settled = settle(through, serviceUrls, warmupConcurrency);

            List<Map<String, Object>> rows = new ArrayList<>();
            StringBuilder table = new StringBuilder("""
                    | concurrency | direct req/s | direct p50 ms | direct p99 ms | service req/s | service p50 ms \
                    | service p99 ms | ratio | overhead p50 ms | overhead p99 ms | errors |
                    |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                    """);
            System.out.printf(Locale.ROOT, "%nProvider latency %d ms; %d s per run; Twilio-format emulator; "
                    + "distinct searches (no cache help)%n", options.latencyMs, options.seconds);
            System.out.printf(Locale.ROOT, "%11s | %10s %10s %6s | %10s %10s %6s | %6s | %8s %8s | %6s%n",
                    "concurrency", "direct/s", "p50 ms", "p99", "service/s", "p50 ms", "p99", "ratio",
                    "+p50 ms", "+p99 ms", "errors");
            for (int concurrency : options.concurrencies) {
                Load d = wrk(direct, concurrency, options.seconds);
                Map<String, Long> before = statuses(serviceUrls);
                long cpuBefore = cpuNanos(switchboards);
                Load s = wrk(through, concurrency, options.seconds);
                long cpuUsed = cpuNanos(switchboards) - cpuBefore;
                Map<String, Long> answered = statuses(serviceUrls);
                before.forEach((status, count) -> answered.merge(status, -count, Long::sum));
                answered.values().removeIf(count -> count == 0);
                long searches = answered.values().stream().mapToLong(Long::longValue).sum();
                double cpuPerSearchUs = searches == 0 ? 0 : cpuUsed / 1000.0 / searches;
                double ratio = s.rps / d.rps;
                System.out.printf(Locale.ROOT, "%11d | %10.0f %10.1f %6.1f | %10.0f %10.1f %6.1f | %6.3f | %8.2f %8.2f | %6d%n",
                        concurrency, d.rps, d.p50Ms, d.p99Ms, s.rps, s.p50Ms, s.p99Ms, ratio,
                        s.p50Ms - d.p50Ms, s.p99Ms - d.p99Ms, d.errors + s.errors);
                table.append(String.format(Locale.ROOT,
                        "| %d | %.0f | %.1f | %.1f | %.0f | %.1f | %.1f | %.3f | %.2f | %.2f | %d |%n", concurrency,
                        d.rps, d.p50Ms, d.p99Ms, s.rps, s.p50Ms, s.p99Ms, ratio, s.p50Ms - d.p50Ms,
                        s.p99Ms - d.p99Ms, d.errors + s.errors));
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("concurrency", concurrency);
                row.put("direct_rps", round(d.rps, 1));
                row.put("service_rps", round(s.rps, 1));
                row.put("throughput_ratio", round(ratio, 3));
                row.put("direct_p50_ms", round(d.p50Ms, 2));
                row.put("direct_p99_ms", round(d.p99Ms, 2));
                row.put("service_p50_ms", round(s.p50Ms, 2));
                row.put("service_p99_ms", round(s.p99Ms, 2));
                row.put("overhead_p50_ms", round(s.p50Ms - d.p50Ms, 2));
                row.put("overhead_p99_ms", round(s.p99Ms - d.p99Ms, 2));
                row.put("errors", d.errors + s.errors);
                row.put("service_cpu_us_per_search", round(cpuPerSearchUs, 1));
                row.put("service_statuses", answered);
                rows.add(row);
                if (answered.keySet().stream().anyMatch(status -> !status.equals("200"))) {
                    System.out.printf(Locale.ROOT, "%11s   service answered %s%n", "", answered);
                }
            }

            // The service may still be answering the last run's backlog: count from when the provider is quiet.
            long callsBefore = quiet(emulatorUrl);
            List<Long> instanceCallsBefore = cacheMisses(serviceUrls);
            int burstErrors = identicalBurst(through, options.burst);
            long burstCalls = emulatorCalls(emulatorUrl) - callsBefore;
            List<Long> instanceCalls = cacheMisses(serviceUrls);
            List<Long> burstCallsByInstance = new ArrayList<>();
            for (int i = 0; i < instanceCalls.size(); i++) {
                burstCallsByInstance.add(instanceCalls.get(i) - instanceCallsBefore.get(i));
            }
            System.out.printf(Locale.ROOT, "%nIdentical burst: %d concurrent identical searches%s -> %d provider "
                    + "call(s)%s, %d non-200 answers%n", options.burst,
                    options.instances == 1 ? "" : " spread over " + options.instances + " instances", burstCalls,
                    options.instances == 1 ? "" : " (cache misses by instance " + burstCallsByInstance + ")", burstErrors);

            List<Long> rssByInstance = new ArrayList<>();
            for (Process switchboard : switchboards) {
                rssByInstance.add(peakResidentKb(switchboard.pid()) / 1024);
            }
            long rssMb = rssByInstance.stream().mapToLong(Long::longValue).max().orElse(0);
            System.out.printf(Locale.ROOT, "Service peak resident memory: %d MB (VmHWM)%s%n", rssMb,
                    options.instances == 1 ? "" : ", the largest of " + rssByInstance);
            System.out.printf(Locale.ROOT, "Took %d s%n", Duration.between(began, Instant.now()).toSeconds());

            Map<String, Object> headline = rows.stream()
                    .filter(r -> r.get("concurrency").equals(512)).findFirst().orElse(rows.getLast());
            Map<String, Object> summary = new java.util.LinkedHashMap<>(headline);
            summary.remove("direct_p50_ms");
            summary.remove("direct_p99_ms");
            summary.remove("service_p50_ms");
            summary.remove("service_p99_ms");
            summary.put("provider_calls_for_identical_burst", burstCalls);
            summary.put("identical_burst", options.burst);
            summary.put("instances", options.instances);
            if (options.instances > 1) {
                // the burst is spread round-robin over the instances; how many of its searches each found in no cache
                summary.put("identical_burst_cache_misses_by_instance", burstCallsByInstance);
                summary.put("rss_mb_by_instance", rssByInstance);
            }
            summary.put("rss_mb", rssMb);
            summary.put("cold_start_ms", coldStartMs);
            summary.put("cold_start_cpu_ms", coldStartCpuMs);
            summary.put("latency_ms", options.latencyMs);
            summary.put("warmup_settled", settled.settled());
            summary.put("warmup_settle_rounds_cpu_us_per_search", settled.cpuUsPerSearch());
            summary.put("mode", options.quick ? "quick" : "full");
            boolean met = (double) summary.get("throughput_ratio") >= 0.95
                    && (double) summary.get("overhead_p99_ms") <= 5.0 && burstCalls == 1 && rssMb < 512
                    && (long) summary.get("errors") == 0 && burstErrors == 0;
            summary.put("goals_met", met);
            summary.put("runs", rows);
            stopAll();
            if (options.results != null) {
                Files.writeString(options.results, results(table, summary, burstCalls, rssMb, began));
                System.out.println("Wrote " + options.results);
            }
            System.out.println(json(summary));
        }

        /** The run as Markdown: the machine it ran on, the settings, the table and the summary line. */
        private String results(StringBuilder table, Map<String, Object> summary, long burstCalls, long rssMb,
                Instant began) throws IOException {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
            String memory = Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("\\s+", " ");
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            return """
                    # bench/run results

                    %s run of `bench/run%s`, %s.

                    **Machine:** %d cores (%s), %s, Linux %s; Java %s (%s). Load average when it ended: %s.
                    Service JVM options: `%s`. Provider latency (emulator): %d ms. %d s per run after %d s of warm-up;
                    wrk with 2 threads as the load generator; distinct searches (area code and digits from a counter),
                    so the cache never helps.

                    %s
                    Identical burst: %d concurrent identical searches cost **%d** provider call(s).
                    Service peak resident memory (VmHWM): **%d MB**.

                    Summary line:

                    ```json
                    %s
                    ```
                    """.formatted(options.quick ? "A quick" : "A full", options.quick ? " --quick" : "",
                    began.toString().substring(0, 16).replace('T', ' ') + " UTC",
                    Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("os.version"),
                    System.getProperty("java.version"), System.getProperty("java.vm.name"), load,
                    options.serviceJavaOptions.isBlank() ? "(none)" : options.serviceJavaOptions, options.latencyMs,
                    options.seconds, options.warmupTotalSeconds(), table, options.burst, burstCalls, rssMb,
                    json(summary));
        }

        /** How the warm-up ended: the 10 s rounds it took after the fixed warm-up, and whether the CPU settled. */
        record Settled(int rounds, boolean settled, List<Double> cpuUsPerSearch) {}

        /**
         * Goes on warming up, in 10 s rounds at the load, until the service's CPU per search has settled: the last
         * three rounds within 5% of their mean, and that mean within 5% of the three rounds' before (the JIT's
         * progress comes in steps, with a minute of plateau between them). On a slow 2-core machine the JIT was still compiling four minutes into
         * the load, and the CPU per search of a run fell by half between the first minute and the fourth (its compiler
         * threads' time counts as the service's, bench/RESULTS.md): a run measured before then measures the JIT.
         * At most 30 rounds (5 minutes); the JSON line says whether it settled.
         */
        private Settled settle(Target through, List<String> serviceUrls, int concurrency) throws Exception {
            List<Double> perSearch = new ArrayList<>();
            for (int round = 1; round <= 30; round++) {
                Map<String, Long> before = statuses(serviceUrls);
                long cpuBefore = cpuNanos(switchboards);
                wrk(through, concurrency, 10);
                long cpuUsed = cpuNanos(switchboards) - cpuBefore;
                Map<String, Long> after = statuses(serviceUrls);
                long searches = after.values().stream().mapToLong(Long::longValue).sum()
                        - before.values().stream().mapToLong(Long::longValue).sum();
                perSearch.add(searches == 0 ? 0 : round(cpuUsed / 1000.0 / searches, 1));
                System.out.printf(Locale.ROOT, "  settling, round %d: %.0f µs of CPU per search%n", round,
                        perSearch.getLast());
                if (perSearch.size() >= 6) {
                    List<Double> last = perSearch.subList(perSearch.size() - 3, perSearch.size());
                    double mean = mean(last);
                    double earlier = mean(perSearch.subList(perSearch.size() - 6, perSearch.size() - 3));
                    if (mean > 0 && last.stream().allMatch(v -> Math.abs(v - mean) <= 0.05 * mean)
                            && Math.abs(earlier - mean) <= 0.05 * mean) {
                        return new Settled(round, true, List.copyOf(perSearch));
                    }
                }
            }
            return new Settled(perSearch.size(), false, List.copyOf(perSearch));
        }

        private static double mean(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        /** A way to ask the same kind of search, directly of the emulator or through the service. */
        record Target(String name, List<String> bases, String pathFormat, String authorization) {
            String base() {
                return bases.getFirst();
            }

            String path(String areaCode, String contains) {
                return String.format(Locale.ROOT, pathFormat, areaCode, contains);
            }
        }

        private void check(Target target) throws Exception {
            for (String base : target.bases) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base
                        + target.path("415", "2255"))).header("Authorization", target.authorization).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(target.name + " at " + base + " answered " + answer.statusCode()
                            + ": " + answer.body());
                }
            }
        }

        /**
         * Drives one run with wrk (a separate process). Each request is a search no other request in the
         * cache's lifetime makes: area code and contains digits come from a counter unique to the run and thread.
         * Over several instances, wrk's threads take their ports round-robin (a thread keeps its connections on one
         * address, so there is one thread per instance, or one per connection when there are fewer connections).
         */
        private Load wrk(Target target, int concurrency, int seconds) throws Exception {
            run++;
            Path script = work.resolve("run-" + run + ".lua");
            String[] parts = target.path("AREA", "DIGITS").split("AREA|DIGITS", -1);
            Files.writeString(script, """
                    local counter = 0
                    local next_id = 0
                    local ports = { PORTS }
                    function setup(thread)
                      thread:set("thread_id", next_id)
                      if #ports > 1 then
                        thread.addr = wrk.lookup("127.0.0.1", ports[(next_id %% #ports) + 1])[1]
                      end
                      next_id = next_id + 1
                    end
                    function request()
                      counter = counter + 1
                      local n = RUN * 10000000 + thread_id * 2000000 + counter
                      local area = 200 + math.floor(n / 100000) %% 800
                      local digits = string.format("%%05d", n %% 100000)
                      return wrk.format("GET", P1 .. area .. P2 .. digits .. P3,
                        { ["Authorization"] = AUTH })
                    end
                    function done(summary, latency, requests)
                      local e = summary.errors
                      io.write(string.format("WRK %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
                        latency:percentile(50), latency:percentile(99),
                        e.connect + e.read + e.write + e.status + e.timeout))
                    end
                    """.formatted().replace("RUN", Integer.toString(run))
                    .replace("P1", lua(parts[0])).replace("P2", lua(parts[1])).replace("P3", lua(parts[2]))
                    .replace("AUTH", lua(target.authorization))
                    .replace("PORTS", String.join(", ", target.bases.stream()
                            .map(base -> lua(base.substring(base.lastIndexOf(':') + 1))).toList())));
            int threads = Math.min(concurrency, target.bases.size() > 1 ? target.bases.size() : 2);
            Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + concurrency, "-d" + seconds + "s",
                    "--timeout", "10s", "-s", script.toString(), target.base()).redirectErrorStream(true).start();
            String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            wrk.waitFor();
            Matcher m = Pattern.compile("WRK (\\d+) (\\d+) (\\d+) (\\d+) (\\d+)").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("wrk printed no summary:\n" + out);
            }
            long requests = Long.parseLong(m.group(1));
            double duration = Long.parseLong(m.group(2)) / 1e6;
            return new Load(requests / duration, Long.parseLong(m.group(3)) / 1e3, Long.parseLong(m.group(4)) / 1e3,
                    Long.parseLong(m.group(5)));
        }

        /**
         * Sends {@code size} identical searches at once (all released by one latch, each on its own connection)
         * for a search nobody asked before, round-robin over the instances; answers how many did not answer 200.
         */
        private int identicalBurst(Target target, int size) throws Exception {
            List<URI> uris = target.bases.stream().map(base -> URI.create(base + target.path("415", "7777"))).toList();
            CountDownLatch ready = new CountDownLatch(size);
            CountDownLatch go = new CountDownLatch(1);
            AtomicLong failures = new AtomicLong();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < size; i++) {
                    URI uri = uris.get(i % uris.size());
                    threads.submit(() -> {
                        ready.countDown();
                        go.await();
                        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(uri)
                                .header("Authorization", target.authorization).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (answer.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        return null;
                    });
                }
                ready.await();
                go.countDown();
            }
            return (int) failures.get();
        }

        /** How many searches the instances have answered so far, by status, from their own Prometheus metrics. */
        private Map<String, Long> statuses(List<String> serviceUrls) throws Exception {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (String serviceUrl : serviceUrls) {
                Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*status=\"(\\d+)\""
                        + "[^}]*uri=\"/v1/numbers/available\"[^}]*} ([0-9.E]+)$").matcher(metrics(serviceUrl));
                while (m.find()) {
                    counts.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
                }
            }
            return counts;
        }

        /**
         * How many searches each instance has found in no cache so far (its switchboard.provider.cache.requests
         * counter, result="miss"): the searches it took towards the provider itself rather than answering them from
         * its cache, the shared one, or a call already under way.
         */
        private List<Long> cacheMisses(List<String> serviceUrls) throws Exception {
            List<Long> calls = new ArrayList<>();
            for (String serviceUrl : serviceUrls) {
                Matcher m = Pattern.compile("(?m)^switchboard_provider_cache_requests_total\\{[^}]*result=\"miss\"[^}]*} ([0-9.E]+)$")
                        .matcher(metrics(serviceUrl));
                long sum = 0;
                while (m.find()) {
                    sum += (long) Double.parseDouble(m.group(1));
                }
                calls.add(sum);
            }
            return calls;
        }

        private String metrics(String serviceUrl) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        /**
         * For several instances: a new database on the machine's PostgreSQL (psql; BENCH_POSTGRES_HOST, _PORT, _USER,
         * default 127.0.0.1, 5432, postgres with trust auth), dropped at exit, and a redis-server of the bench's own
         * on a free port (the machine's Redis is left alone). Answers the service arguments that point at them.
         */
        private List<String> sharedState(String java) throws Exception {
            String host = System.getenv().getOrDefault("BENCH_POSTGRES_HOST", "127.0.0.1");
            String port = System.getenv().getOrDefault("BENCH_POSTGRES_PORT", "5432");
            String user = System.getenv().getOrDefault("BENCH_POSTGRES_USER", "postgres");
            String name = "switchboard_bench_" + Long.toHexString(System.nanoTime());
            psql(host, port, user, "CREATE DATABASE " + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.forEach(Process::destroyForcibly);
                try {
                    psql(host, port, user, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (Exception e) {
                    System.err.println("Could not drop the bench database " + name + ": " + e.getMessage());
                }
            }));
            int redisPort = freePort();
            Process redis = start("redis", List.of("redis-server", "--port", Integer.toString(redisPort), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no"), Map.of());
            Instant deadline = Instant.now().plusSeconds(30);
            while (true) {
                try (var socket = new java.net.Socket(InetAddress.getLoopbackAddress(), redisPort)) {
                    break;
                } catch (IOException notYet) {
                    if (!redis.isAlive() || Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("redis-server did not start; see " + work.resolve("redis.log"));
                    }
                    Thread.sleep(50);
                }
            }
            System.out.printf(Locale.ROOT, "Shared state: PostgreSQL database %s on %s:%s, Redis on 127.0.0.1:%d%n",
                    name, host, port, redisPort);
            return List.of("--spring.datasource.url=jdbc:postgresql://" + host + ":" + port + "/" + name,
                    "--spring.datasource.username=" + user, "--spring.datasource.password=",
                    "--spring.data.redis.url=redis://127.0.0.1:" + redisPort);
        }

        private static void psql(String host, String port, String user, String sql) throws Exception {
            Process psql = new ProcessBuilder("psql", "-h", host, "-p", port, "-U", user, "-d", "postgres",
                    "-v", "ON_ERROR_STOP=1", "-q", "-c", sql).redirectErrorStream(true).start();
            String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (psql.waitFor() != 0) {
                throw new IllegalStateException("psql " + sql + ": " + out.trim());
            }
        }

        /** Waits until the emulator has seen no search for a second (at most a minute); answers its count then. */
        private long quiet(String emulatorUrl) throws Exception {
            long last = emulatorCalls(emulatorUrl);
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
                long now = emulatorCalls(emulatorUrl);
                if (now == last) {
                    return now;
                }
                last = now;
            }
            throw new IllegalStateException("the service kept calling the provider a minute after the last run");
        }

        private long emulatorCalls(String emulatorUrl) throws Exception {
            String stats = http.send(HttpRequest.newBuilder(URI.create(emulatorUrl + "/bench/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return Long.parseLong(field(stats, "searches"));
        }

        private String post(String url, String bearer, String body) throws Exception {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return answer.body();
        }

        private Process start(String name, List<String> command) throws IOException {
            return start(name, command, Map.of());
        }

        private Process start(String name, List<String> command, Map<String, String> environment) throws IOException {
            Path log = work.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            // bin/switchboard takes its JVM options from here (a plain java -jar from the command line)
            builder.environment().put("SWITCHBOARD_JAVA_OPTS", options.serviceJavaOptions);
            Process process = builder.start();
            started.add(process);
            System.out.printf(Locale.ROOT, "Started %s (pid %d), log %s%n", name, process.pid(), log);
            return process;
        }

        private void awaitUp(URI health, Process process, Duration patience) throws Exception {
            awaitUp(health, process, patience, Duration.ofMillis(250));
        }

        private void awaitUp(URI health, Process process, Duration patience, Duration poll) throws Exception {
            Instant deadline = Instant.now().plus(patience);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(health.getHost() + ":" + health.getPort()
                            + " exited; see the logs in " + work);
                }
                try {
                    if (http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(poll);
            }
            throw new IllegalStateException(health + " not up within " + patience + "; see the logs in " + work);
        }

        private void stopAll() {
            for (Process process : started) {
                process.destroy();
            }
        }
    }

    /** CPU time of several processes, summed. */
    static long cpuNanos(List<Process> processes) throws IOException {
        long sum = 0;
        for (Process process : processes) {
            sum += cpuNanos(process.pid());
        }
        return sum;
    }

    /** CPU time (user and system, every thread) a process has used so far, from /proc/PID/stat. */
    static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // the fields after the command name (which may hold spaces), closed by its last ')': utime and stime are the
        // 14th and 15th of the line, in clock ticks (USER_HZ, 100 a second on Linux)
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }

    /** A process's peak resident set since it started, in KiB: the kernel's high-water mark (VmHWM). */
    static long peakResidentKb(long pid) throws IOException {
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        Matcher m = Pattern.compile("VmHWM:\\s+(\\d+) kB").matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    // ----------------------------------------------------------------------------------------------------------------

    /**
     * Twilio's {@code AvailablePhoneNumbers/{Country}/Local.json} after a fixed latency, in Twilio's wire format
     * (capability keys "MMS"/"SMS" upper-case and "voice"/"fax" lower-case on this resource, coordinates as strings,
     * no paging fields, a {@code Twilio-Request-Id} header), with numbers that match {@code AreaCode} and the digits
     * of {@code Contains}; 401 in Twilio's error shape without HTTP Basic credentials. Counts searches at
     * {@code /bench/stats}.
     *
     * <p>It stands for a provider on other machines, so it should cost this machine as little as possible: one
     * thread and one selector serve every connection (HTTP/1.1 keep-alive), and answers wait in a queue ordered by
     * due time (the latency is fixed, so arrival order is due order) rather than on a thread each.
     */
    static final class Emulator {
        private static long searches;

        /** One client connection: what it sent so far, and what is still to be written to it. */
        static final class Connection {
            final SocketChannel channel;
            ByteBuffer in = ByteBuffer.allocate(8192);
            final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();

            Connection(SocketChannel channel) {
                this.channel = channel;
            }
        }

        record Due(long atNanos, Connection connection, String target, boolean authorized) {}

        static void main(String[] args) throws Exception {
            int port = 0;
            int latency = 100;
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--latency-ms" -> latency = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException(args[i]);
                }
            }
            long delay = Duration.ofMillis(latency).toNanos();
            Selector selector = Selector.open();
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8192);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            System.out.println("Twilio emulator on " + server.getLocalAddress() + ", latency " + latency + " ms");
            ArrayDeque<Due> due = new ArrayDeque<>();
            while (true) {
                long wait = due.isEmpty() ? 0 : Math.max(1, (due.peekFirst().atNanos - System.nanoTime()) / 1_000_000);
                if (due.isEmpty() || due.peekFirst().atNanos > System.nanoTime()) {
                    selector.select(wait);
                } else {
                    selector.selectNow();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            SocketChannel channel = server.accept();
                            if (channel != null) {
                                channel.configureBlocking(false);
                                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                                channel.register(selector, SelectionKey.OP_READ, new Connection(channel));
                            }
                            continue;
                        }
                        Connection connection = (Connection) key.attachment();
                        if (key.isReadable()) {
                            read(connection, key, due, delay);
                        }
                        if (key.isValid() && key.isWritable()) {
                            flush(connection, key);
                        }
                    } catch (IOException e) {
                        key.cancel();
                        key.channel().close();
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                while (!due.isEmpty() && due.peekFirst().atNanos <= now) {
                    Due answer = due.pollFirst();
                    SelectionKey key = answer.connection.channel.keyFor(selector);
                    if (key == null || !key.isValid()) {
                        continue; // the client went away
                    }
                    try {
                        answer.connection.out.add(answer.authorized ? search(answer.target)
                                : response(401, "{\"code\": 20003, \"message\": \"Authenticate\", \"more_info\": "
                                        + "\"https://www.twilio.com/docs/errors/20003\", \"status\": 401}"));
                        flush(answer.connection, key);
                    } catch (IOException e) {
                        key.cancel();
                        key.channel().close();
                    }
                }
            }
        }

        /** Reads what arrived and queues an answer for each complete request (GETs: no bodies). */
        private static void read(Connection connection, SelectionKey key, ArrayDeque<Due> due, long delay)
                throws IOException {
            if (!connection.in.hasRemaining()) {
                ByteBuffer larger = ByteBuffer.allocate(connection.in.capacity() * 2);
                connection.in.flip();
                connection.in = larger.put(connection.in);
            }
            int read = connection.channel.read(connection.in);
            if (read < 0) {
                key.cancel();
                connection.channel.close();
                return;
            }
            ByteBuffer in = connection.in;
            int end;
            while ((end = headEnd(in)) >= 0) {
                String head = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1);
                int firstSpace = head.indexOf(' ');
                String target = head.substring(firstSpace + 1, head.indexOf(' ', firstSpace + 1));
                boolean authorized = head.toLowerCase(Locale.ROOT).contains("\r\nauthorization: basic ");
                int consumed = end + 4;
                System.arraycopy(in.array(), consumed, in.array(), 0, in.position() - consumed);
                in.position(in.position() - consumed);
                if (target.startsWith("/bench/stats")) {
                    connection.out.add(response(200, "{\"searches\": " + searches + "}"));
                    flush(connection, key);
                } else {
                    if (authorized) {
                        searches++;
                    }
                    due.addLast(new Due(System.nanoTime() + delay, connection, target, authorized));
                }
            }
        }

        private static int headEnd(ByteBuffer in) {
            byte[] bytes = in.array();
            for (int i = 0; i + 3 < in.position(); i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private static void flush(Connection connection, SelectionKey key) throws IOException {
            while (!connection.out.isEmpty()) {
                ByteBuffer next = connection.out.peekFirst();
                connection.channel.write(next);
                if (next.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                connection.out.pollFirst();
            }
            key.interestOps(SelectionKey.OP_READ);
        }

        private static ByteBuffer search(String target) {
            int q = target.indexOf('?');
            Map<String, String> query = query(q < 0 ? null : target.substring(q + 1));
            String area = query.getOrDefault("AreaCode", "415");
            String digits = query.getOrDefault("Contains", "").replaceAll("[^0-9]", "");
            int size = Math.min(Integer.parseInt(query.getOrDefault("PageSize", "50")), 1000);
            StringBuilder body = new StringBuilder(size * 420 + 200).append("{\"available_phone_numbers\": [");
            for (int i = 0; i < size; i++) {
                String core = area + digits;
                core = core.length() >= 8 ? core.substring(0, 8) : core + "55555555".substring(core.length());
                String national = core + String.format(Locale.ROOT, "%02d", i % 100);
                if (i > 0) {
                    body.append(", ");
                }
                body.append("{\"address_requirements\": \"none\", \"beta\": false, \"capabilities\": "
                        + "{\"MMS\": true, \"SMS\": true, \"voice\": true, \"fax\": false}, \"friendly_name\": \"(")
                        .append(national, 0, 3).append(") ").append(national, 3, 6).append('-')
                        .append(national, 6, 10).append("\", \"iso_country\": \"US\", \"lata\": \"722\", "
                                + "\"latitude\": \"37.780000\", \"locality\": \"San Francisco\", "
                                + "\"longitude\": \"-122.420000\", \"phone_number\": \"+1").append(national)
                        .append("\", \"postal_code\": \"94103\", \"rate_center\": \"SNFC CA\", \"region\": \"CA\"}");
            }
            body.append("], \"uri\": \"").append(target.replace("\"", "")).append("\"}");
            return response(200, body.toString());
        }

        private static ByteBuffer response(int status, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Unauthorized")
                    + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + bytes.length
                    + "\r\nTwilio-Request-Id: RQ" + Long.toHexString(System.nanoTime()) + "0000000000000000\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
            return ByteBuffer.allocate(headBytes.length + bytes.length).put(headBytes).put(bytes).flip();
        }

        private static Map<String, String> query(String raw) {
            Map<String, String> query = new HashMap<>();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            return query;
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String lua(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    static String json(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case Map<?, ?> map -> {
                StringBuilder out = new StringBuilder("{");
                map.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(json(k.toString()))
                        .append(": ").append(json(v)));
                yield out.append('}').toString();
            }
            case List<?> list -> {
                StringBuilder out = new StringBuilder("[");
                list.forEach(v -> out.append(out.length() > 1 ? ", " : "").append(json(v)));
                yield out.append(']').toString();
            }
            default -> value.toString();
        };
    }
}
