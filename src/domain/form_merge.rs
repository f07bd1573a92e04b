//! A form saved over a record that another window (or an import) changed while the
//! form was open. The form keeps what it showed when it opened (its *base*); on saving,
//! each field the person changed from the base is written, and every other field takes
//! the record's value as stored now, so a field they never touched does not put back
//! what it showed. A field both sides changed, to different values, is a conflict: the
//! person is told of it first (see [`EditConflict::said`]) and decides.

/// A field another window saved while this form was open, that this form changed too:
/// its name, the value saved there and the value typed here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditConflict {
    pub field: &'static str,
    pub theirs: String,
    pub mine: String,
}

impl EditConflict {
    /// The conflict in words: `「专职党务干部（人）」已被改为“7”（本窗口填的是“4”）`.
    pub fn said(&self) -> String {
        format!(
            "「{}」已被改为“{}”（本窗口填的是“{}”）",
            self.field, self.theirs, self.mine
        )
    }
}

/// The conflicts in words, one after another.
pub fn said(conflicts: &[EditConflict]) -> String {
    conflicts
        .iter()
        .map(EditConflict::said)
        .collect::<Vec<_>>()
        .join("；")
}

/// One field of a form opened on `base`, now `mine`, saved over `current`: the
/// person's value if they changed it, otherwise the stored one.
pub fn pick<T: PartialEq + Clone>(base: &T, mine: &T, current: &T) -> T {
    if mine == base {
        current.clone()
    } else {
        mine.clone()
    }
}

/// A form's field as the person reads it: its label and its value shown as text
/// (trimmed, a choice by its label).
pub type Field<I> = (&'static str, fn(&I) -> String);

/// The fields (of `fields`) that both this form (opened on `base`, now `mine`) and
/// another window (since `base`, now `current`) changed, to different values.
pub fn conflicts<I>(base: &I, mine: &I, current: &I, fields: &[Field<I>]) -> Vec<EditConflict> {
    fields
        .iter()
        .filter_map(|(field, get)| {
            let (b, m, c) = (get(base), get(mine), get(current));
            (m != b && c != b && m != c).then_some(EditConflict {
                field,
                theirs: c,
                mine: m,
            })
        })
        .collect()
}

/// The conflicts with the values of the field labelled `field` shown through `show`
/// (a unit's id as its name).
pub fn shown_through(
    conflicts: Vec<EditConflict>,
    field: &str,
    show: impl Fn(&str) -> String,
) -> Vec<EditConflict> {
    conflicts
        .into_iter()
        .map(|mut c| {
            if c.field == field {
                c.theirs = show(&c.theirs);
                c.mine = show(&c.mine);
            }
            c
        })
        .collect()
}

/// [`conflicts`] against the record as stored now (`current`; `None` when it is gone,
/// which the save itself reports), the field labelled `unit_field` showing the unit's
/// name rather than its id.
pub fn conflicts_with_record<I>(
    state: &crate::domain::model::AppState,
    current: Option<I>,
    base: &I,
    mine: &I,
    fields: &[Field<I>],
    unit_field: &str,
) -> Vec<EditConflict> {
    let Some(current) = current else {
        return Vec::new();
    };
    shown_through(conflicts(base, mine, &current, fields), unit_field, |id| {
        state.unit(id).map_or(id.to_string(), |u| u.name.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, PartialEq)]
    struct Form {
        a: String,
        b: String,
    }

    fn form(a: &str, b: &str) -> Form {
        Form {
            a: a.to_string(),
            b: b.to_string(),
        }
    }

    const FIELDS: [Field<Form>; 2] = [("甲", |f| f.a.trim().to_string()), ("乙", |f| f.b.clone())];

    #[test]
    fn a_field_left_alone_takes_the_stored_value() {
        let (base, mine, current) = (form("1", "x"), form("2", "x"), form("1", "y"));
        assert_eq!(pick(&base.a, &mine.a, &current.a), "2");
        assert_eq!(pick(&base.b, &mine.b, &current.b), "y");
        assert!(conflicts(&base, &mine, &current, &FIELDS).is_empty());
    }

    #[test]
    fn a_field_both_changed_differently_is_named() {
        let (base, mine, current) = (form("1", "x"), form("2", "x"), form("3", "x"));
        let c = conflicts(&base, &mine, &current, &FIELDS);
        assert_eq!(said(&c), "「甲」已被改为“3”（本窗口填的是“2”）");
        // Both changed it to the same value (spaces aside): nothing to decide.
        let c = conflicts(&base, &form("3 ", "x"), &current, &FIELDS);
        assert!(c.is_empty());
    }
}
