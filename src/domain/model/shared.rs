//! [`Shared`]: a value held behind a shared pointer, copied only when changed.
//!
//! Every change to the data makes a new state from a copy of the old one (the old one
//! goes to the undo list), and every save compares the state with what is stored to
//! write only what changed. On a large city (300 units, 1,172 outcomes, 1,500
//! resource entries…) copying and comparing all of it took milliseconds for each
//! typed score. With the lists and the rounds of [`super::AppState`] held as `Shared`,
//! a copy of the state shares every list and round with the state it came from;
//! changing one copies that one alone ([`Arc::make_mut`]), and comparing two shared
//! values is one pointer comparison. Reading and writing work as on the value itself (`Deref`,
//! `DerefMut`); the stored and exchanged forms are the value's own.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value shared between copies of the state until one of them changes it.
#[derive(Debug, Default)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    /// Holds `value`.
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }

    /// Whether `self` and `other` are the very same value (no comparison of contents).
    pub fn same(&self, other: &Shared<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<T: Eq> Eq for Shared<T> {}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Shared<T> {
        Shared::new(value)
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (*self.0).serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Shared<T>, D::Error> {
        T::deserialize(d).map(Shared::new)
    }
}

impl<T: Clone> IntoIterator for Shared<Vec<T>> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        Arc::unwrap_or_clone(self.0).into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Shared<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Shared<Vec<T>> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        Arc::make_mut(&mut self.0).iter_mut()
    }
}

impl<T> FromIterator<T> for Shared<Vec<T>> {
    fn from_iter<I: IntoIterator<Item = T>>(it: I) -> Shared<Vec<T>> {
        Shared::new(it.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_shares_until_changed_and_the_original_stays() {
        let a: Shared<Vec<u32>> = vec![1, 2, 3].into();
        let mut b = a.clone();
        assert!(b.same(&a));
        assert_eq!(a, b);
        b.push(4);
        assert!(!b.same(&a));
        assert_eq!(*a, vec![1, 2, 3]);
        assert_eq!(*b, vec![1, 2, 3, 4]);
        b.pop();
        assert_eq!(a, b, "equal by content once no longer shared");
    }

    #[test]
    fn stored_form_is_the_values_own() {
        let a: Shared<Vec<u32>> = vec![1, 2].into();
        assert_eq!(serde_json::to_string(&a).ok().as_deref(), Some("[1,2]"));
        let back: Shared<Vec<u32>> = serde_json::from_str("[1,2]").unwrap_or_default();
        assert_eq!(back, a);
    }
}
