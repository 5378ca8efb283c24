//! Turning errors and confirmations into short messages shown in the window, in one place.

/// How a message is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something worked ("Exported to …").
    Info,
    /// Something failed; the user should read it.
    Error,
}

/// One message in the window's message bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Info or error.
    pub level: Level,
    /// The text, path last.
    pub text: String,
}

/// The messages waiting to be dismissed, oldest first (a few at most).
#[derive(Clone, Debug, Default)]
pub struct Messages {
    /// The messages.
    pub list: Vec<Message>,
}

/// How many messages are kept; older ones go first.
const MAX_MESSAGES: usize = 4;

impl Messages {
    /// Shows an error and logs it once on stderr.
    pub fn error(&mut self, context: &str, err: &dyn std::fmt::Display) {
        let text = if context.is_empty() {
            err.to_string()
        } else {
            format!("{context}: {err}")
        };
        eprintln!("cotejo: {text}");
        self.push(Level::Error, text);
    }

    /// Shows a confirmation.
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text.into());
    }

    fn push(&mut self, level: Level, text: String) {
        if self.list.len() >= MAX_MESSAGES {
            self.list.remove(0);
        }
        self.list.push(Message { level, text });
    }

    /// Removes message `idx` (out of range: nothing).
    pub fn dismiss(&mut self, idx: usize) {
        if idx < self.list.len() {
            self.list.remove(idx);
        }
    }
}
