"""The Streamlit plumbing between `sstc` and the pages: the dataset in use, the sidebar and the URL, the widgets
pages draw with, the quick map's component, the one cache (`memo`) and the page `Context`. Pages import from here
and from `sstc`; `sstc` never imports this."""
