package dev.berth.engine.plan;

/** The desired project cannot be planned, e.g. an unknown service was selected; the message says what to do. */
public class PlanningException extends RuntimeException {
  public PlanningException(String message) {
    super(message);
  }
}
