"""What a screen draws: charts, maps (plotly and the server's SVG), text summaries, cards, labels, inert Markdown.
Reads analysis and data; knows nothing of Streamlit."""
