"""Stand-ins for native vendor libraries, built by the test suite."""
