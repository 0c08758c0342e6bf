"""Pure functions from tables to answers: filters, totals, scores, gaps, the shortlist, the timeline. Reads the data
layer only; nothing here draws or writes a file."""
