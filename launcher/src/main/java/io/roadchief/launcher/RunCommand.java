package io.roadchief.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "run", description = "Run RoadChief on the configured database and broker (embedded ones when none is configured), without the simulated fleet.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        RoadChiefConfig c = options.load();
        Infrastructure infra = Infrastructure.start(c);
        RoadChiefRuntime runtime;
        try {
            runtime = RoadChiefRuntime.start(c, infra);
        } catch (Exception e) {
            infra.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            infra.close();
            stopped.countDown();
        }, "roadchief-shutdown"));
        System.out.printf("RoadChief running. Service http://localhost:%d/  Gateway http://localhost:%d/health  Database %s  Broker %s%n",
                runtime.servicePort, runtime.gatewayPort, infra.database.jdbcUrl(), infra.brokerUrl);
        stopped.await();
        return 0;
    }
}
