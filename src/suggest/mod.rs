//! The suggestions layer: spans the core proposes for the annotator to accept or reject.
//! Entity strings with their labels (`gazetteer`), the entities the session's own spans make
//! known (`known`), and every occurrence of them in the documents (`occurrences`).

pub mod gazetteer;
pub mod known;
pub mod occurrences;
