"""Tables, summaries and selections behind each notebook section (kept out of the notebooks so
tests reach them). Each `*_view` returns a `View`: its `frame` for charts and tests, its
Indonesian table when displayed, its note when there is nothing to show."""
