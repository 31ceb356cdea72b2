"""The schedule pane: the chart (with its blitting and layout) and the step table."""
