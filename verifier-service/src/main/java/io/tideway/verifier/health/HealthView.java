package io.tideway.verifier.health;

/** Where the verification cycle reports MongoDB's health and reads everything else's. */
public interface HealthView {

  /** Knows nothing but what the store probe says (tests, and before the monitor runs). */
  static HealthView storeOnly() {
    return new HealthView() {
      private volatile ComponentHealth store;

      @Override
      public void storeProbed(ComponentHealth s) {
        store = s;
      }

      @Override
      public PipelineHealth current() {
        return PipelineHealth.UNKNOWN.withStore(store);
      }
    };
  }

  /** The verifier's store probe answered (or not). */
  void storeProbed(ComponentHealth store);

  /** The latest health of everything. */
  PipelineHealth current();
}
