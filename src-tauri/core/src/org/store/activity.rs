//! Queries on the organisation (org, branch, party_group) that members, meetings and points need.
