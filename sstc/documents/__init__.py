"""Files a user takes away: CSV exports, the planning brief and printable pages as Markdown, Word and PDF."""
