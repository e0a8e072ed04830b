"""Paper: slips (受理回执), printed summaries (日报/周报/月报) and exports, all Qt-free.

Sending a finished PDF to a printer is the window's job (desk.ui.printing)."""
