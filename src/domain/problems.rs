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
