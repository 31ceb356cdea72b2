"""The plan form: medicine, regimen, method and pace, switch, patient factors, custom steps."""
