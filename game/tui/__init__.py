"""The Textual front end: everything that knows about terminals lives under this package."""
