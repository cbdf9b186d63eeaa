//! One integration-test binary for the whole project.

mod outputs;
