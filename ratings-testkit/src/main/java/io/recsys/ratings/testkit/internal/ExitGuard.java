package io.recsys.ratings.testkit.internal;

import io.recsys.ratings.testkit.KafkaTestkitException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an in-JVM broker from killing the test JVM: Kafka's fatal fault handlers call {@link
 * Exit#halt}, which would end the whole test run without a report. Installed once per JVM on the
 * first embedded start; the call is logged at ERROR and turned into an exception in the faulting
 * Kafka thread, so the failing test reports it instead.
 */
public final class ExitGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ExitGuard.class);
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private ExitGuard() {}

  /** Installs the guard (idempotent). */
  public static void install() {
    if (INSTALLED.compareAndSet(false, true)) {
      Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
      Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
    }
  }

  private static void refuse(String what, int status, String message) {
    LOG.error(
        "Embedded Kafka asked to {} the JVM with status {} ({}); the testkit keeps the test JVM"
            + " alive, the broker is probably broken",
        what,
        status,
        message);
    throw new KafkaTestkitException(
        "embedded Kafka tried to " + what + " the JVM with status " + status + ": " + message);
  }
}
