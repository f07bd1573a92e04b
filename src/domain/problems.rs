//! Several problems of one form, said together (the `Several` variants of the form
//! errors): one per line, so that each reads on its own.

/// The problems' messages, one per line, in the form's order.
pub fn one_per_line<E: ToString>(errors: &[E]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A form's problems as one result: `Ok` when there are none, the one problem as
/// itself, several through `several` (the form error's `Several` variant).
pub fn gather<E>(mut errors: Vec<E>, several: fn(Vec<E>) -> E) -> Result<(), E> {
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.remove(0)),
        _ => Err(several(errors)),
    }
}
