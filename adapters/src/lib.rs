//! Typed AWS event sources for faaskit.
