//! Word lists a user can edit: topics, dated formulations (with the tables of sessions and
//! anniversaries they are dated by) and the current standard formulations.

pub mod dated;
pub mod dated_norm;
pub mod lines;
pub mod standard;
pub mod standard_runs;
pub mod topics;
pub mod units;
