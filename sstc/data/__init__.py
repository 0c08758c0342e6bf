"""The dataset as read: YAML parsed with line numbers, validated (schema, vocabulary, privacy, quotes against the
sources) and turned into tables. Imports nothing from the layers above (analysis, view, documents)."""
