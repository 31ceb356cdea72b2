"""The Qt desktop application: form, schedule chart and table, guidance and printing."""

APP_TITLE = "Taper Planner"
