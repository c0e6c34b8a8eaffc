//! The suggestions layer: spans the core proposes for the annotator to accept or reject.
//! Entity strings with their labels (`gazetteer`), the entities the session's own spans make
//! known (`known`), every occurrence of them in the documents (`occurrences`), and the
//! corpus report with what is inconsistent in it and how to fix it (`consistency`).

pub mod consistency;
pub mod gazetteer;
pub mod known;
pub mod occurrences;
