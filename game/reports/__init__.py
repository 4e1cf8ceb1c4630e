"""After-action and class reports: pure functions from sessions to Markdown or HTML text."""
