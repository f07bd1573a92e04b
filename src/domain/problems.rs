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

/// The fields of a form that a refusal is about, named by their labels (a form's
/// `labels` constants, which are also the fields' accessible names): a form marks them
/// and puts the keyboard on the first. A refusal about no one field names none.
pub trait FieldsAt {
    /// The labels of the fields at fault, in the form's order, each once.
    fn fields(&self) -> Vec<String>;
}

/// The fields of several problems, each once, in the order they were found.
pub fn fields_of<E: FieldsAt>(errors: &[E]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in errors.iter().flat_map(FieldsAt::fields) {
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}
