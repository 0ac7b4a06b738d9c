//! Shared state built once at cold start and handed to every invocation.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Shared state, built once per process by an `init` function and shared by every invocation.
///
/// Clients, connection pools and configuration go here: they are built at cold start, never per
/// invocation. Take it as a handler argument; name the `init` function in the attribute.
///
/// # Examples
///
/// ```
/// use faaskit::State;
///
/// struct Config { table: String }
///
/// // In a unit test, call the handler with state you build yourself.
/// let state = State::new(Config { table: "orders".into() });
/// assert_eq!(state.table, "orders");
/// ```
pub struct State<T>(Arc<T>);

impl<T> State<T> {
    /// Wraps a value, for tests that call a handler directly.
    pub fn new(value: T) -> Self {
        Self(Arc::new(value))
    }

    /// Wraps a value that is already shared.
    pub fn from_arc(value: Arc<T>) -> Self {
        Self(value)
    }

    /// The shared value.
    pub fn into_arc(self) -> Arc<T> {
        self.0
    }
}

impl<T> Clone for State<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> Deref for State<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for State<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("State").field(&self.0).finish()
    }
}

/// A state type a handler needs, so a missing `init` is reported before the first invocation.
///
/// Hidden: only the attribute's expansion and `State<T>` name one.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateRequirement {
    pub(crate) type_id: TypeId,
    pub(crate) type_name: &'static str,
}

impl StateRequirement {
    /// The requirement of a `State<T>` argument.
    pub fn of<T: 'static>() -> Self {
        Self { type_id: TypeId::of::<T>(), type_name: std::any::type_name::<T>() }
    }
}

/// The value of one `init` function, ready to store.
#[derive(Clone)]
pub(crate) struct StateValue {
    pub(crate) type_id: TypeId,
    pub(crate) type_name: &'static str,
    pub(crate) value: Arc<dyn Any + Send + Sync>,
}

impl StateValue {
    pub(crate) fn new<T: Send + Sync + 'static>(value: T) -> Self {
        Self { type_id: TypeId::of::<T>(), type_name: std::any::type_name::<T>(), value: Arc::new(value) }
    }
}

/// Every state value of a process, by type.
#[derive(Clone, Default)]
pub(crate) struct StateMap(Arc<HashMap<TypeId, StateValue>>);

impl StateMap {
    pub(crate) fn from_values(values: Vec<StateValue>) -> Self {
        Self(Arc::new(values.into_iter().map(|v| (v.type_id, v)).collect()))
    }

    /// This map with `own` (a handler's own init value) in place of any other value of its type:
    /// a handler sees its own state, as it would on Lambda, where it is prepared alone.
    pub(crate) fn with_own(&self, own: &StateValue) -> Self {
        match self.0.get(&own.type_id) {
            Some(stored) if Arc::ptr_eq(&stored.value, &own.value) => self.clone(),
            _ => {
                let mut map = (*self.0).clone();
                map.insert(own.type_id, own.clone());
                Self(Arc::new(map))
            }
        }
    }

    pub(crate) fn get<T: Send + Sync + 'static>(&self) -> Option<State<T>> {
        let stored = self.0.get(&TypeId::of::<T>())?;
        Arc::clone(&stored.value).downcast::<T>().ok().map(State)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn contains(&self, requirement: &StateRequirement) -> bool {
        self.0.contains_key(&requirement.type_id)
    }

    pub(crate) fn type_names(&self) -> Vec<&'static str> {
        self.0.values().map(|v| v.type_name).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_state_by_type() {
        let map = StateMap::from_values(vec![StateValue::new(42_u32), StateValue::new("db".to_owned())]);
        assert_eq!(*map.get::<u32>().expect("u32 state"), 42);
        assert_eq!(map.get::<String>().expect("String state").as_str(), "db");
        assert!(map.get::<i64>().is_none());
        assert!(map.contains(&StateRequirement::of::<u32>()));
    }
}
