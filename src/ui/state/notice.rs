//! The banner's message: how serious, what it says, which ways out it offers.

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// A message in the banner at the top of every page.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub level: Level,
    pub text: String,
    /// Offer an export of the data next to the message (when it could not be saved).
    pub offer_export: bool,
    /// Offer to reload the page.
    pub offer_reload: bool,
    /// Offer the two ways out of a conflict with another tab: keep this tab's data, or
    /// take the stored data.
    pub offer_resolve: bool,
    /// Says how the data stood when the page opened (read-only, recovered): stays
    /// until closed, whatever its level.
    pub on_load: bool,
}

impl Notice {
    /// An informational message.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            level: Level::Info,
            text: text.into(),
            offer_export: false,
            offer_reload: false,
            offer_resolve: false,
            on_load: false,
        }
    }
    /// A warning: stays until it is closed.
    pub fn warning(text: impl Into<String>) -> Notice {
        Notice {
            level: Level::Warning,
            text: text.into(),
            ..Notice::info("")
        }
    }
    /// An error message.
    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            level: Level::Error,
            text: text.into(),
            ..Notice::info("")
        }
    }
    /// Whether the notice speaks of one action on one page (a success, or a refusal
    /// with no way out offered), and so goes when the person moves on or a later
    /// change succeeds. Warnings, the notices that offer an export, a reload or the
    /// choices of a conflict, and those that came with the page are about the data,
    /// and stay until they are closed.
    pub fn passes(&self) -> bool {
        self.level != Level::Warning
            && !self.on_load
            && !self.offer_export
            && !self.offer_reload
            && !self.offer_resolve
    }
    /// An error message with an export offered next to it (the data is only in this page).
    pub fn unsaved(text: impl Into<String>) -> Notice {
        Notice {
            offer_export: true,
            ..Notice::error(text)
        }
    }
}
